// The .proto of qurl serve's gRPC service, built in (served by reflection too): one method per call type and
// per edge case a client must handle.
export const DEMO_PROTO_NAME = 'qurl/demo/v1/demo.proto';

export const DEMO_PROTO = `syntax = "proto3";

package qurl.demo.v1;

import "google/protobuf/duration.proto";
import "google/protobuf/timestamp.proto";

// qurl serve's gRPC service: \`qurl grpc -plaintext 127.0.0.1:PORT list qurl.demo.v1.Demo\`.
service Demo {
  // Unary: the request back, with the time it was answered.
  rpc Echo(EchoRequest) returns (EchoReply);
  // Server streaming: numbers 1..count, one every interval.
  rpc Count(CountRequest) returns (stream Number);
  // Client streaming: the sum and count of the numbers sent.
  rpc Sum(stream Number) returns (SumReply);
  // Bidi: each request echoed as it arrives.
  rpc Chat(stream EchoRequest) returns (stream EchoReply);
  // Fails with the code and message asked for, and google.rpc error details.
  rpc Fail(FailRequest) returns (EchoReply);
  // Answers after the delay asked for (deadline tests).
  rpc Slow(SlowRequest) returns (EchoReply);
  // Fails with a trailers-only response: one HEADERS frame that ends the stream.
  rpc TrailersOnly(FailRequest) returns (EchoReply);
}

message EchoRequest {
  string message = 1;
  map<string, string> labels = 2;
  bytes data = 3;
  int64 id = 4;
}

message EchoReply {
  string message = 1;
  map<string, string> labels = 2;
  bytes data = 3;
  int64 id = 4;
  google.protobuf.Timestamp answered_at = 5;
}

message CountRequest {
  int32 count = 1;
  google.protobuf.Duration interval = 2;
}

message Number {
  int64 value = 1;
}

message SumReply {
  int64 sum = 1;
  int32 count = 2;
}

message FailRequest {
  int32 code = 1;
  string message = 2;
}

message SlowRequest {
  google.protobuf.Duration delay = 1;
}
`;
