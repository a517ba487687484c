from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from masterplan.lib.sanitize import clean_html
from masterplan.models import Agency, Membership, Region, Section, SectionImage

# What the chapter editor offers; clean_html's allowlist is the authority on what is kept.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}


class VersionField(forms.IntegerField):
    """The version of the record the form was built from, for the stale-save check."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


class SectionForm(forms.ModelForm):
    version = VersionField()
    body = ProseEditorFormField(
        label=_("Text"), required=False, config={"extensions": EDITOR_EXTENSIONS}
    )

    class Meta:
        model = Section
        fields = ["title", "body"]

    def __init__(self, *args, region_slug: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.region_slug = region_slug
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)
        self.fields["body"].widget.attrs["data-autosave"] = "body"

    def clean_body(self) -> str:
        return clean_html(self.cleaned_data.get("body") or "", region_slug=self.region_slug)


class SectionAddForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "parent"]

    def __init__(self, *args, book, outline_nodes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.book = book
        parent = self.fields["parent"]
        parent.required = False
        parent.empty_label = _("— top level (a new chapter) —")
        # Only sections that may still have children (three levels at most).
        allowed = [node for node in outline_nodes if node.depth < Section.MAX_DEPTH]
        parent.queryset = book.sections.filter(pk__in=[node.section.pk for node in allowed])
        labels = {node.section.pk: f"{node.number} {node.section}" for node in allowed}
        parent.label_from_instance = lambda section: labels.get(section.pk, str(section))


class DocxImportForm(forms.Form):
    class Mode:
        REPLACE = "replace"
        APPEND = "append"

    MAX_BYTES = 10 * 1024 * 1024

    file = forms.FileField(
        label=_("Word document (.docx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument"
                ".wordprocessingml.document"
            }
        ),
    )
    mode = forms.ChoiceField(
        label=_("What to do with the current text"),
        choices=[
            (Mode.APPEND, _("Add the document after the current text")),
            (Mode.REPLACE, _("Replace the current text")),
        ],
        initial=Mode.APPEND,
        widget=forms.RadioSelect,
    )
    version = VersionField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(
                _("Choose a Word document saved as .docx."), code="not_docx"
            )
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The document is larger than 10 MB."), code="too_large")
        return upload


class ImageUploadForm(forms.Form):
    image = forms.ImageField(label=_("Image"))
    alt = forms.CharField(label=_("Description (alt text)"), max_length=200, required=False)

    def clean_image(self):
        upload = self.cleaned_data["image"]
        check_image(upload.size, getattr(upload, "image", None))
        return upload


def check_image(size: int, image) -> None:
    """Refuse files that are too large, not a web image format or absurdly many pixels."""
    if size > SectionImage.MAX_BYTES:
        raise forms.ValidationError(_("The image is larger than 5 MB."), code="too_large")
    if image is None or image.format not in SectionImage.FORMATS:
        raise forms.ValidationError(
            _("Upload a JPEG, PNG, GIF or WebP image."), code="image_format"
        )
    width, height = image.size
    if width * height > SectionImage.MAX_PIXELS:
        raise forms.ValidationError(_("The image has too many pixels."), code="too_many_pixels")


class AgencyForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Agency
        fields = ["name", "acronym", "kind"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.region = region
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Agency.objects.filter(region=self.instance.region, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("This region already has an agency with this name."), code="duplicate"
            )
        return name


class MemberAgencyForm(forms.ModelForm):
    """The agency (OPD) a member reports for; empty: the rights of their role."""

    class Meta:
        model = Membership
        fields = ["agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = Agency.objects.filter(region=self.instance.region_id).order_by("name")
        field.empty_label = _("— none: the rights of the role —")
