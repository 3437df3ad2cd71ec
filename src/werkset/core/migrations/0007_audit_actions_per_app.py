# The audit actions are declared per app (core/audit.py, ADR 14): no choices, a validator.

import werkset.core.audit
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_audit_admin_and_sso'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='action',
            field=models.CharField(max_length=40, validators=[werkset.core.audit.validate_audit_action], verbose_name='action'),
        ),
    ]
