#!/usr/bin/env python3
"""Self-tests of compare.py's reading of Vega's SVG (ctest vl.fidelity_compare).

Each case is a small SVG in the shape Vega writes (a frame group whose
background gives the plot box, mark groups by role) and what read_vega
must find in it.  A case is added with each fix of the oracle."""
import io, os, sys, unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

FRAME = ('<svg xmlns="http://www.w3.org/2000/svg"><g class="mark-group role-frame root">'
         '<g transform="translate(0,0)"><path class="background" d="M0,0h200v100h-200Z"/>'
         '<g>%s</g></g></g></svg>')


def cells_of(marks):
    cells, _, _ = compare.read_vega(io.StringIO(FRAME % marks))
    return cells


class EmptyRects(unittest.TestCase):
    """An interval brush at its initial state is a rect of no size: it
    paints nothing and is not counted; a bar of zero height still is."""

    def test_empty_brush_not_counted(self):
        cells = cells_of('<g class="mark-rect role-mark brush_brush_bg"><path d="M0,0h0v0h0Z"/></g>'
                         '<g class="mark-rect role-mark marks"><path d="M10,20h30v80h-30Z" fill="#4c78a8"/></g>'
                         '<g class="mark-rect role-mark brush_brush"><rect width="0" height="0"/></g>')
        self.assertEqual(len(cells), 1)
        self.assertEqual(len(cells[0].marks['rect']), 1)
        self.assertEqual(cells[0].marks['rect'][0].b, (10.0, 20.0, 40.0, 100.0))

    def test_flat_bar_counted(self):
        cells = cells_of('<g class="mark-rect role-mark marks"><path d="M10,100h30v0h-30Z" fill="#4c78a8"/></g>')
        self.assertEqual(len(cells[0].marks['rect']), 1)


class ReadingOrder(unittest.TestCase):
    """Plots are paired row by row, each row left to right."""

    def test_concat_columns_not_aligned(self):
        # hconcat of two vconcats: the right column's plots sit a few px
        # higher than the left's (its axis labels are shorter), as in
        # test_invalid_color_filter; each row is still left then right
        left = [compare.Cell(41, y, 100, 100) for y in (28, 182, 341, 495)]
        right = [compare.Cell(205, y, 100, 100) for y in (28, 178, 333, 483)]
        order = compare.reading_order(right + left)
        self.assertEqual([(c.x, c.y) for c in order],
                         [(41, 28), (205, 28), (41, 182), (205, 178),
                          (41, 341), (205, 333), (41, 495), (205, 483)])

    def test_rows_apart(self):
        # a vconcat of small plots: each its own row, top to bottom
        cells = [compare.Cell(0, y, 100, 20) for y in (90, 0, 45)]
        self.assertEqual([c.y for c in compare.reading_order(cells)], [0, 45, 90])


if __name__ == '__main__':
    unittest.main()
