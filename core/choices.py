"""Vocabularies shared by several apps (results, needs, deals, dashboards)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Field(models.TextChoices):
    """Technology fields of results and industries of needs: one list, so the two can be compared."""

    OPTOELECTRONICS = "optoelectronics", _("Optoelectronics and lasers")
    NEW_ENERGY = "new_energy", _("New energy and batteries")
    ADVANCED_MATERIALS = "advanced_materials", _("Advanced materials and steel")
    INTELLIGENT_MANUFACTURING = "intelligent_manufacturing", _("Intelligent manufacturing and equipment")
    AUTOMOTIVE = "automotive", _("Automotive and transport")
    ARTIFICIAL_INTELLIGENCE = "artificial_intelligence", _("Artificial intelligence and big data")
    INTERNET_MEDIA = "internet_media", _("Internet and live streaming")
    BIOMEDICINE = "biomedicine", _("Biomedicine and medical devices")
    AGRICULTURE = "agriculture", _("Modern agriculture and food")
    TEXTILES = "textiles", _("Textiles and apparel")
    ENVIRONMENT = "environment", _("Energy saving and environment")
    GEOLOGY = "geology", _("Geology and resource exploration")
    CIVIL_ENGINEERING = "civil_engineering", _("Civil engineering and construction")


class District(models.TextChoices):
    """Wuhan's districts and functional zones."""

    JIANG_AN = "jiang_an", _("Jiang'an District")
    JIANG_HAN = "jiang_han", _("Jianghan District")
    QIAO_KOU = "qiao_kou", _("Qiaokou District")
    HAN_YANG = "han_yang", _("Hanyang District")
    WU_CHANG = "wu_chang", _("Wuchang District")
    QING_SHAN = "qing_shan", _("Qingshan District")
    HONG_SHAN = "hong_shan", _("Hongshan District")
    DONG_XI_HU = "dong_xi_hu", _("Dongxihu District")
    HAN_NAN = "han_nan", _("Hannan District")
    CAI_DIAN = "cai_dian", _("Caidian District")
    JIANG_XIA = "jiang_xia", _("Jiangxia District")
    HUANG_PI = "huang_pi", _("Huangpi District")
    XIN_ZHOU = "xin_zhou", _("Xinzhou District")
    EAST_LAKE_HITECH = "east_lake_hitech", _("East Lake High-tech Zone")
    WUHAN_ECON_DEV = "wuhan_econ_dev", _("Wuhan Economic and Technological Development Zone")
    EAST_LAKE_SCENIC = "east_lake_scenic", _("East Lake Scenic Area")


class TransferMode(models.TextChoices):
    ASSIGNMENT = "assignment", _("Assignment")
    LICENCE = "licence", _("Licence")
    EQUITY = "equity", _("Equity")
    CO_DEVELOPMENT = "co_development", _("Co-development")
    COMMISSIONED_DEVELOPMENT = "commissioned_development", _("Commissioned development")


class Language(models.TextChoices):
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
