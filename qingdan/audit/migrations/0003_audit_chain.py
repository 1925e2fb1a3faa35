import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False, verbose_name="time"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="previous hash"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="hash"),
        ),
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("last_id", models.BigIntegerField(null=True)),
                ("last_hash", models.CharField(max_length=64)),
            ],
            options={"verbose_name": "audit chain head", "verbose_name_plural": "audit chain head"},
        ),
    ]
