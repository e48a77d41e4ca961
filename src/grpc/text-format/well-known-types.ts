// The types jhump/protoreflect's dynamic messages hand to golang/protobuf as generated Go messages (its
// wellKnownTypeNames), so grpcurl prints them, nested in a response, in golang/protobuf's compact text.

export const WELL_KNOWN_TYPES: ReadonlySet<string> = new Set([
  'google.protobuf.Any',
  'google.protobuf.Empty',
  'google.protobuf.Duration',
  'google.protobuf.Timestamp',
  'google.protobuf.Struct',
  'google.protobuf.Value',
  'google.protobuf.ListValue',
  'google.protobuf.DoubleValue',
  'google.protobuf.FloatValue',
  'google.protobuf.Int64Value',
  'google.protobuf.UInt64Value',
  'google.protobuf.Int32Value',
  'google.protobuf.UInt32Value',
  'google.protobuf.BoolValue',
  'google.protobuf.StringValue',
  'google.protobuf.BytesValue',
]);

/** Types compiled into the grpcurl binary (protoregistry.GlobalTypes), which golang/protobuf's ExpandAny can unpack. */
export function isLinkedIntoGrpcurl(typeName: string): boolean {
  return typeName.startsWith('google.protobuf.');
}
