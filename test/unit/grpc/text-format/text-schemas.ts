// The .proto schemas the text-format tests share: every field kind in proto3 (rich.proto), and proto2 groups,
// defaults, required fields and extensions (legacy.proto), loaded once through the schema layer.
import type { DescMessage, Registry } from '@bufbuild/protobuf';
import { loadProtoTexts } from '../../../../src/grpc/schema/index.js';

const RICH = `
syntax = "proto3";
package qurl.text;

import "google/protobuf/any.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/empty.proto";
import "google/protobuf/field_mask.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";

enum Color {
  COLOR_UNSPECIFIED = 0;
  RED = 1;
  GREEN = 2;
}

message Scalars {
  double f_double = 1;
  float f_float = 2;
  int32 f_int32 = 3;
  int64 f_int64 = 4;
  uint32 f_uint32 = 5;
  uint64 f_uint64 = 6;
  sint32 f_sint32 = 7;
  sint64 f_sint64 = 8;
  fixed32 f_fixed32 = 9;
  fixed64 f_fixed64 = 10;
  sfixed32 f_sfixed32 = 11;
  sfixed64 f_sfixed64 = 12;
  bool f_bool = 13;
  string f_string = 14;
  bytes f_bytes = 15;
}

message Inner {
  string name = 1;
  int32 n = 2;
  Inner child = 3;
}

message Rich {
  Scalars scalars = 1;
  repeated int32 ints = 2;
  repeated string strings = 3;
  repeated Inner inners = 4;
  map<string, int32> counts = 5;
  map<int64, Inner> by_id = 6;
  map<bool, string> flags = 7;
  Color color = 8;
  repeated Color colors = 9;
  oneof choice {
    string text = 10;
    Inner inner = 11;
    int32 number = 12;
  }
  optional int32 maybe = 13;
  google.protobuf.Any any = 14;
  google.protobuf.Timestamp ts = 15;
  google.protobuf.Duration took = 16;
  google.protobuf.StringValue label = 17;
  google.protobuf.Struct meta = 18;
  google.protobuf.Empty nothing = 19;
  google.protobuf.FieldMask mask = 20;
  repeated double doubles = 21;
  repeated float floats = 22;
  map<uint32, bytes> blobs = 23;
  map<string, Color> palette = 24;
  repeated int64 longs = 25;
  repeated bytes chunks = 26;
  repeated google.protobuf.Any anys = 27;
}
`;

const LEGACY = `
syntax = "proto2";
package qurl.legacy;

enum Level {
  LOW = 1;
  HIGH = 2;
}

message Old {
  required string name = 1;
  optional int32 count = 2 [default = 7];
  optional group Extras = 3 {
    optional double weight = 1;
    repeated string tags = 2;
  }
  repeated group Item = 4 {
    optional int32 id = 5;
  }
  optional Level level = 5;
  optional Old next = 6;
  extensions 100 to 199;
}

extend Old {
  optional string nickname = 100;
  repeated int32 lucky = 101;
  optional int64 big = 102;
}

message Holder {
  extend Old {
    optional Old nested_ext = 104;
  }
}
`;

export interface TextSchemas {
  readonly registry: Registry;
  message(name: string): DescMessage;
}

let loaded: Promise<TextSchemas> | undefined;

export function loadTextSchemas(): Promise<TextSchemas> {
  loaded ??= loadProtoTexts([
    { name: 'qurl/text/rich.proto', text: RICH },
    { name: 'qurl/legacy/legacy.proto', text: LEGACY },
  ]).then(({ registry }) => ({
    registry,
    message(name: string): DescMessage {
      const desc = registry.getMessage(name);
      if (desc === undefined) throw new Error(`no message ${name} in the test schemas`);
      return desc;
    },
  }));
  return loaded;
}
