from django.db import migrations

PURPOSES = ["scouting", "presenting_needs", "follow_up", "policy", "other"]


def create_purposes(apps, schema_editor):
    VisitPurpose = apps.get_model("visits", "VisitPurpose")
    for position, code in enumerate(PURPOSES):
        VisitPurpose.objects.update_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]
    operations = [migrations.RunPython(create_purposes, migrations.RunPython.noop)]
