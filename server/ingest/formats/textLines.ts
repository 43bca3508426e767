/** Maps a character offset in a text to its 1-based line number (binary search over line starts). */
export function lineIndex(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= Math.max(0, offset)) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
