from django.db import migrations


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="student")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_alter_user_managers")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
