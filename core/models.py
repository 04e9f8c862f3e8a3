from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import TransferMode
from core.search import MAX_TERM_LENGTH


class TransferModeOption(models.Model):
    """One of the five transfer modes, as a row so results and needs can offer several and be filtered by them.

    The rows are created by a data migration and never edited.
    """

    code = models.CharField(_("code"), max_length=32, primary_key=True, choices=TransferMode.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("transfer mode")
        verbose_name_plural = _("transfer modes")
        ordering = ["position"]

    def __str__(self):
        return str(TransferMode(self.code).label)


class SearchTermBase(models.Model):
    """One indexed term of one document. Concrete models add `document = ForeignKey(...)`."""

    term = models.CharField(max_length=MAX_TERM_LENGTH)

    class Meta:
        abstract = True
