// HPACK's static Huffman code (RFC 7541 §5.2, Appendix B); pure, used by the HPACK and QPACK decoders.
// The code is canonical, so the table is just each symbol's code length; codes follow from the lengths.

/** Code length in bits of symbols 0..255 and EOS (256), RFC 7541 Appendix B. */
const CODE_LENGTHS: readonly number[] = [13,23,28,28,28,28,28,28,28,24,30,28,28,30,28,28,28,28,28,28,28,28,30,28,28,28,28,28,28,28,28,28,6,10,10,12,13,6,8,11,10,10,8,11,8,6,6,6,5,5,5,6,6,6,6,6,6,6,7,8,15,6,12,10,13,6,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,8,7,8,13,19,13,14,6,15,5,6,5,6,5,6,6,6,5,7,7,6,6,6,5,6,7,6,5,5,6,7,7,7,7,7,15,11,14,13,28,20,22,20,20,22,22,22,23,22,23,23,23,23,23,24,23,24,24,22,23,24,23,23,23,23,21,22,23,22,23,23,24,22,21,20,22,22,23,23,21,23,22,22,24,21,22,23,23,21,21,22,21,23,22,23,23,20,22,22,22,23,22,22,23,26,26,20,19,22,23,22,25,26,26,26,27,27,26,24,25,19,21,26,27,27,26,27,24,21,21,26,26,28,27,27,27,20,24,20,21,22,21,21,23,22,22,25,25,24,24,26,23,26,27,26,26,27,27,27,27,27,28,27,27,27,27,27,26,30];

export const EOS = 256;

export class HuffmanDecodeError extends Error {
  override readonly name = 'HuffmanDecodeError';
}

interface Code {
  readonly bits: number;
  readonly length: number;
}

/** Canonical assignment: by length, then by symbol, each code one more than the last (shifted as it grows). */
function buildCodes(): Code[] {
  const order = CODE_LENGTHS.map((length, symbol) => ({ length, symbol })).sort((a, b) => a.length - b.length || a.symbol - b.symbol);
  const codes: Code[] = new Array<Code>(CODE_LENGTHS.length);
  let code = 0;
  let prev = order[0]!.length;
  order.forEach(({ length, symbol }, i) => {
    if (i > 0) code = (code + 1) * 2 ** (length - prev);
    prev = length;
    codes[symbol] = { bits: code, length };
  });
  return codes;
}

// Built on first use: a plain HTTP/1.1 request never needs them, and building them costs ~2 ms of start-up.
let codes: Code[] | null = null;
const codesOf = (): Code[] => (codes ??= buildCodes());

interface Tree {
  readonly zero: readonly number[];
  readonly one: readonly number[];
}
let decodingTree: Tree | null = null;
const treeOf = (): Tree => (decodingTree ??= buildTree(codesOf()));

/** Decoding tree as flat arrays: node → child for bit 0 / 1; a negative child is -(symbol + 1). */
function buildTree(table: readonly Code[]): Tree {
  const zero: number[] = [0];
  const one: number[] = [0];
  for (let symbol = 0; symbol < table.length; symbol++) {
    const { bits, length } = table[symbol]!;
    let node = 0;
    for (let i = length - 1; i >= 0; i--) {
      const side = Math.floor(bits / 2 ** i) % 2 === 1 ? one : zero;
      if (i === 0) {
        side[node] = -(symbol + 1);
      } else {
        if (!side[node]) {
          side[node] = zero.length;
          zero.push(0);
          one.push(0);
        }
        node = side[node]!;
      }
    }
  }
  return { zero, one };
}

export function huffmanDecode(bytes: Uint8Array): Uint8Array {
  const tree = treeOf();
  const out: number[] = [];
  let node = 0;
  let depth = 0;
  let allOnes = true;
  for (const byte of bytes) {
    for (let bit = 7; bit >= 0; bit--) {
      const isOne = (byte >> bit) & 1;
      const next = (isOne ? tree.one : tree.zero)[node]!;
      depth++;
      allOnes &&= isOne === 1;
      if (next < 0) {
        const symbol = -next - 1;
        if (symbol === EOS) throw new HuffmanDecodeError('Huffman string contains EOS (RFC 7541 §5.2)');
        out.push(symbol);
        node = 0;
        depth = 0;
        allOnes = true;
      } else if (next === 0) {
        throw new HuffmanDecodeError('invalid Huffman code');
      } else {
        node = next;
      }
    }
  }
  if (depth > 7 || !allOnes) throw new HuffmanDecodeError('Huffman padding is not a prefix of EOS of at most 7 bits (RFC 7541 §5.2)');
  return Uint8Array.from(out);
}

export function huffmanEncode(bytes: Uint8Array): Uint8Array {
  const table = codesOf();
  const out: number[] = [];
  let acc = 0;
  let accBits = 0;
  for (const b of bytes) {
    const { bits, length } = table[b]!;
    for (let i = length - 1; i >= 0; i--) {
      acc = (acc << 1) | (Math.floor(bits / 2 ** i) % 2);
      if (++accBits === 8) {
        out.push(acc);
        acc = 0;
        accBits = 0;
      }
    }
  }
  if (accBits > 0) out.push(((acc << (8 - accBits)) | ((1 << (8 - accBits)) - 1)) & 0xff);
  return Uint8Array.from(out);
}
