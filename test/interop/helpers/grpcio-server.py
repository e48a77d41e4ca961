# The official gRPC interop TestService (grpc's doc/interop-test-descriptions.md) on Python grpcio: an
# independent gRPC server (grpc core in C) for qurl grpc's interop tests, started by grpcio-server.ts.
#
#   /usr/bin/python3 grpcio-server.py STUBS_DIR [--tls KEY CERT]
#
# STUBS_DIR holds the protoc-generated messages (src/proto/grpc/testing/*_pb2.py). Prints the port once it
# listens on 127.0.0.1; stops when stdin closes. No reflection (Debian has no grpc_reflection): use -proto.
#
# Beyond the interop spec:
# - HalfDuplexCall always answers gzip-compressed (the server's choice, whatever the request says);
# - request metadata x-qurl-test-details-reason: REASON, with a failing response_status, adds
#   grpc-status-details-bin: a google.rpc.Status carrying one google.rpc.ErrorInfo (hand-encoded: Debian's
#   grpc_tools has no google/rpc/*.proto);
# - request metadata x-qurl-test-echo-deadline (any value) adds trailing metadata x-qurl-test-time-remaining: the
#   seconds left before the call's deadline as grpc core read it from grpc-timeout, or "none";
# - a response_status with a code fails before any message (trailers-only when no metadata is echoed),
#   except in StreamingOutputCall, which fails after its messages.
import sys
import threading
from concurrent import futures

import grpc

sys.path.insert(0, sys.argv[1])
from src.proto.grpc.testing import empty_pb2, messages_pb2  # noqa: E402

SERVICE = 'grpc.testing.TestService'
ECHO_INITIAL = 'x-grpc-test-echo-initial'
ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin'
DETAILS_REASON = 'x-qurl-test-details-reason'
ECHO_DEADLINE = 'x-qurl-test-echo-deadline'


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number, data):
    """A length-delimited protobuf field (wire type 2)."""
    return varint(number << 3 | 2) + varint(len(data)) + data


def status_details(code, message, reason):
    """google.rpc.Status{code, message, details: [Any(google.rpc.ErrorInfo{reason, domain, metadata})]}."""
    entry = field(1, b'requested_code') + field(2, str(code).encode())
    info = field(1, reason.encode()) + field(2, b'grpcio.qurl.test') + field(3, entry)
    any_ = field(1, b'type.googleapis.com/google.rpc.ErrorInfo') + field(2, info)
    return varint(1 << 3 | 0) + varint(code) + field(2, message.encode()) + field(3, any_)


def metadata(context, name):
    return [v for k, v in context.invocation_metadata() if k == name]


def echo_metadata(context):
    """x-grpc-test-echo-initial back as initial metadata, x-grpc-test-echo-trailing-bin as trailing metadata."""
    initial = [(ECHO_INITIAL, v) for v in metadata(context, ECHO_INITIAL)]
    if initial:
        context.send_initial_metadata(initial)
    trailing = [(ECHO_TRAILING, v) for v in metadata(context, ECHO_TRAILING)]
    if metadata(context, ECHO_DEADLINE):
        # grpcio gives a call without a deadline ~2**63 ns (infinite future) rather than None
        remaining = context.time_remaining()
        unbounded = remaining is None or remaining > 1e9
        trailing.append(('x-qurl-test-time-remaining', 'none' if unbounded else '%.3f' % remaining))
    context.set_trailing_metadata(trailing)


def check_status(request, context):
    """Aborts the call with request.response_status when it has a code (the echo_status case)."""
    status = request.response_status
    if status.code == 0:
        return
    reason = metadata(context, DETAILS_REASON)
    if reason:
        trailing = list(context.trailing_metadata() or ())
        trailing.append(('grpc-status-details-bin', status_details(status.code, status.message, reason[0])))
        context.set_trailing_metadata(trailing)
    context.abort(next(c for c in grpc.StatusCode if c.value[0] == status.code), status.message)


def payload(size):
    return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE, body=bytes(size))


def sleep(context, seconds):
    """Waits, but no longer than the call lives (a deadline or a cancel ends the wait)."""
    done = threading.Event()
    context.add_callback(done.set)
    done.wait(seconds)
    return context.is_active()


def empty_call(request, context):
    echo_metadata(context)
    return empty_pb2.Empty()


def unary_call(request, context):
    echo_metadata(context)
    check_status(request, context)
    if request.response_compressed.value:
        context.set_compression(grpc.Compression.Gzip)
    return messages_pb2.SimpleResponse(payload=payload(request.response_size))


def stream_responses(request, context):
    """The responses a StreamingOutputCallRequest asks for, each after its interval, compressed if asked."""
    if any(p.compressed.value for p in request.response_parameters):
        context.set_compression(grpc.Compression.Gzip)
    for p in request.response_parameters:
        if p.interval_us and not sleep(context, p.interval_us / 1e6):
            return
        if not p.compressed.value:
            context.disable_next_message_compression()
        yield messages_pb2.StreamingOutputCallResponse(payload=payload(p.size))


def streaming_output_call(request, context):
    echo_metadata(context)
    yield from stream_responses(request, context)
    check_status(request, context)


def streaming_input_call(requests, context):
    echo_metadata(context)
    return messages_pb2.StreamingInputCallResponse(aggregated_payload_size=sum(len(r.payload.body) for r in requests))


def full_duplex_call(requests, context):
    echo_metadata(context)
    for request in requests:
        check_status(request, context)
        yield from stream_responses(request, context)


def half_duplex_call(requests, context):
    echo_metadata(context)
    context.set_compression(grpc.Compression.Gzip)
    for request in list(requests):
        for p in request.response_parameters:
            yield messages_pb2.StreamingOutputCallResponse(payload=payload(p.size))


def handlers():
    def unary(fn, req, resp):
        return grpc.unary_unary_rpc_method_handler(fn, req.FromString, resp.SerializeToString)
    # UnimplementedCall is left out, as the interop spec says: grpc core answers it UNIMPLEMENTED.
    return grpc.method_handlers_generic_handler(SERVICE, {
        'EmptyCall': unary(empty_call, empty_pb2.Empty, empty_pb2.Empty),
        'UnaryCall': unary(unary_call, messages_pb2.SimpleRequest, messages_pb2.SimpleResponse),
        'StreamingOutputCall': grpc.unary_stream_rpc_method_handler(
            streaming_output_call, messages_pb2.StreamingOutputCallRequest.FromString,
            messages_pb2.StreamingOutputCallResponse.SerializeToString),
        'StreamingInputCall': grpc.stream_unary_rpc_method_handler(
            streaming_input_call, messages_pb2.StreamingInputCallRequest.FromString,
            messages_pb2.StreamingInputCallResponse.SerializeToString),
        'FullDuplexCall': grpc.stream_stream_rpc_method_handler(
            full_duplex_call, messages_pb2.StreamingOutputCallRequest.FromString,
            messages_pb2.StreamingOutputCallResponse.SerializeToString),
        'HalfDuplexCall': grpc.stream_stream_rpc_method_handler(
            half_duplex_call, messages_pb2.StreamingOutputCallRequest.FromString,
            messages_pb2.StreamingOutputCallResponse.SerializeToString),
    })


def main():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    server.add_generic_rpc_handlers((handlers(),))
    if len(sys.argv) > 2 and sys.argv[2] == '--tls':
        with open(sys.argv[3], 'rb') as key, open(sys.argv[4], 'rb') as cert:
            port = server.add_secure_port('127.0.0.1:0', grpc.ssl_server_credentials([(key.read(), cert.read())]))
    else:
        port = server.add_insecure_port('127.0.0.1:0')
    server.start()
    print(port, flush=True)
    sys.stdin.read()
    server.stop(0).wait()


if __name__ == '__main__':
    main()
