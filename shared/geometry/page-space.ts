/** [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f (the PDF / pdf.js convention). */
export type Affine = [number, number, number, number, number, number];

/**
 * PDF user space → the page as displayed, origin bottom-left: the space every box of the extracted document is in.
 * A page printed landscape on a portrait sheet (/Rotate 90, as Excel through PScript does) has its text turned in
 * user space; read in display space its rows are rows again. Unrotated pages keep user space itself, so their boxes
 * are the ones pdf.js's viewport transform expects.
 */
export function displaySpace(rotate: number, [vx0, vy0, vx1, vy1]: readonly number[]): Affine {
  switch (((rotate % 360) + 360) % 360) {
    case 90:
      return [0, -1, 1, 0, -vy0!, vx1!];
    case 180:
      return [-1, 0, 0, -1, vx1!, vy1!];
    case 270:
      return [0, 1, -1, 0, vy1!, -vx0!];
    default:
      return [1, 0, 0, 1, 0, 0];
  }
}
