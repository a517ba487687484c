"""The Word export of a book: exports.docx.book builds it, exports.docx.front writes the
official front matter, exports.docx.images turns the SVG charts into PNG."""
