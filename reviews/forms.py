from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from masterplan.models import Book

EVERY_BOOK = "semua"


class FlagOverrideForm(forms.Form):
    """Which book's open re-review flags an admin clears, and why (kept in the audit)."""

    book = forms.ChoiceField(label=_("Book"))
    reason = forms.CharField(
        label=_("Reason, kept in the audit log"), max_length=2000, widget=forms.Textarea
    )

    def __init__(self, data=None, *, books, **kwargs):
        super().__init__(data, **kwargs)
        self.books = {str(book.number): book for book in books}
        self.fields["book"].choices = [
            *((number, str(book)) for number, book in self.books.items()),
            (EVERY_BOOK, _("Every book of the plan")),
        ]
        self.fields["book"].error_messages["required"] = _(
            "Choose the book whose open flags are cleared."
        )

    def clean_book(self) -> Book | None:
        """The book, or None for every book of the plan."""
        value = self.cleaned_data["book"]
        return None if value == EVERY_BOOK else self.books[value]

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(
                _("Say why the open flags may be overridden."), code="required"
            )
        return reason
