"""The one set of StreamField blocks every page type shares.

Each block has a full Meta (icon, template, group, description, preview_value) so editors see
what it is for and what it looks like. Templates live in templates/blocks/.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site or to another website."""

    label = blocks.CharBlock(max_length=80, help_text="The words people click, e.g. 'Give money'.")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label="Or a web address")

    class Meta:
        icon = "link"
        template = "blocks/link.html"
        group = "Links"
        description = "A link to a page on this site or to another website"
        preview_value = {"label": "Give money", "url": "https://example.org/"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ErrorList([ValidationError("Choose a page or enter a web address.")])
                }
            )
        return value


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (level 2)"), ("h3", "Sub-heading (level 3)")],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        group = "Text"
        description = "A heading that starts a new section"
        preview_value = {"text": "How giving works", "level": "h2"}


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        group = "Media"
        description = "A picture with alternative text and an optional caption"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    link = LinkBlock()

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"
        group = "Links"
        description = "A highlighted box inviting people to act, with one button"
        preview_value = {
            "heading": "Give £5 a month",
            "text": "Set up a monthly gift in two minutes.",
            "link": {"label": "Start giving", "url": "https://example.org/"},
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="A first name or role only, with consent, e.g. 'Jess, care leaver'.",
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        group = "Text"
        description = "Someone's words, in a pull quote"
        preview_value = {
            "quote": "Having a mentor meant someone was in my corner.",
            "attribution": "Sam, 19",
        }


class StoryHighlightBlock(blocks.StructBlock):
    story = blocks.PageChooserBlock(page_type="nolimits.StoryPage")

    class Meta:
        icon = "doc-full"
        template = "blocks/story_highlight.html"
        group = "Links"
        description = "A card that links to one of our stories"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, default="Questions people ask")
    items = blocks.ListBlock(FAQItemBlock(), min_num=1)

    class Meta:
        icon = "help"
        template = "blocks/faq.html"
        group = "Text"
        description = "Questions and answers that open and close"
        preview_value = {
            "heading": "Questions people ask",
            "items": [{"question": "Can I stop at any time?", "answer": "<p>Yes.</p>"}],
        }


class InsetTextBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=["bold", "link"])

    class Meta:
        icon = "pilcrow"
        template = "blocks/inset_text.html"
        group = "Text"
        description = "A short piece of text set apart, e.g. a deadline or a tip"
        preview_value = {"text": "<p>Applications close on 31 March.</p>"}


class WarningBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)

    class Meta:
        icon = "warning"
        template = "blocks/warning.html"
        group = "Text"
        description = "Something people must know, with a warning sign"
        preview_value = {"text": "Never share your bank password with anyone."}


class ContactBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Contact us")
    email = blocks.EmailBlock(required=False)
    phone = blocks.CharBlock(required=False, max_length=40)
    hours = blocks.CharBlock(
        required=False, max_length=120, help_text="e.g. Monday to Friday, 9am to 5pm"
    )

    class Meta:
        icon = "mail"
        template = "blocks/contact.html"
        group = "Links"
        description = "How to get in touch"
        preview_value = {"heading": "Contact us", "email": "nolimits@example.org"}


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    documents = blocks.ListBlock(DocumentChooserBlock(), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/documents.html"
        group = "Media"
        description = "Files to download, such as a handbook or a form"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="A YouTube or Vimeo address.")
    transcript = blocks.TextBlock(
        required=False, help_text="A text version for people who cannot watch."
    )

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        group = "Media"
        description = "A video with a transcript"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph.html",
        group="Text",
        description="Paragraphs, lists and links",
        preview_value="<p>No Limits lets every member of staff do something for our children.</p>",
    )
    image = ImageWithCaptionBlock()
    call_to_action = CallToActionBlock()
    quote = QuoteBlock()
    story = StoryHighlightBlock()
    faq = FAQBlock()
    inset_text = InsetTextBlock()
    warning = WarningBlock()
    table = TableBlock(
        template="blocks/table.html",
        group="Text",
        description="A simple table with a header row",
        table_options={"startRows": 3, "startCols": 2},
    )
    contact = ContactBlock()
    documents = DocumentListBlock()
    video = VideoBlock()


class NavigationStreamBlock(blocks.StreamBlock):
    link = LinkBlock()
