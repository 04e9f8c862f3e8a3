"""A small, realistic corpus for digest tests: texts whose right answers any sound engine finds."""

from achievements.models import AchievementStatus
from requests.models import NeedStatus
from tests import factories

BATTERY_RESULT = {
    "title": "宽温域磷酸铁锂电池电解液",
    "abstract": "新型低温电解液配方，使磷酸铁锂电池在零下30摄氏度放电容量保持85%以上，适用于储能电站和电动汽车电池。",
    "keywords": "锂电池, 电解液, 低温, 储能",
    "field": "new_energy",
}
STEEL_RESULT = {
    "title": "高强度汽车用热成形钢板",
    "abstract": "通过控轧控冷和微合金化，热成形钢板抗拉强度达到1800兆帕，用于汽车车身安全件减重。",
    "keywords": "热成形钢, 高强钢, 汽车轻量化",
    "field": "advanced_materials",
}
BATTERY_NEED = {
    "title": "储能锂电池低温容量衰减",
    "description": "我司储能电站使用磷酸铁锂电池，冬季零下20摄氏度时放电容量衰减严重，需要低温电解液或电池改性技术。",
    "industry": "new_energy",
}
CRAYFISH_NEED = {
    "title": "小龙虾养殖水质在线监测",
    "description": "潜江稻虾共作基地需要低成本的溶解氧和氨氮在线监测设备，提醒养殖户及时增氧换水。",
    "industry": "agriculture",
}


def result(university, status=AchievementStatus.PUBLISHED, **fields):
    return factories.AchievementFactory(university=university, status=status, **fields)


def need(enterprise, creator, status=NeedStatus.OPEN, **fields):
    return factories.TechNeedFactory(enterprise=enterprise, created_by=creator, status=status, **fields)
