"""The Word export of a book (the package exports.docx builds it); kept as the import path
of the view, the command and the tests."""

from exports.docx.book import DOCX_TYPE, SOURCE_NOTE, WordBook, book_docx

__all__ = ["DOCX_TYPE", "SOURCE_NOTE", "WordBook", "book_docx"]
