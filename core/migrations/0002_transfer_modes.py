from django.db import migrations

MODES = ["assignment", "licence", "equity", "co_development", "commissioned_development"]


def create_modes(apps, schema_editor):
    TransferModeOption = apps.get_model("core", "TransferModeOption")
    for position, code in enumerate(MODES):
        TransferModeOption.objects.update_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_modes, migrations.RunPython.noop)]
