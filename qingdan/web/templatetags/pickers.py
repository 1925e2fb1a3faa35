"""`{% picker_media %}`: the pickers' script and style sheets, for a page whose pickers arrive later in
content htmx swaps in (web/picker.js sets them up on htmx:load). A page rendering the form itself uses
`{{ form.media }}` instead."""

from django import forms, template

from qingdan.web.widgets import PickerMedia

register = template.Library()


@register.simple_tag
def picker_media() -> forms.Media:
    return forms.Media(PickerMedia)
