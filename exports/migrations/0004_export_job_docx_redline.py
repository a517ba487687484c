"""Export jobs of two more kinds: a book's Word file and the redline of two versions of a book."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('exports', '0003_export_job_kinds'),
        ('masterplan', '0006_plan_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='exportjob',
            name='exportjob_kind_fields',
        ),
        migrations.AddField(
            model_name='exportjob',
            name='from_edition',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='from edition'),
        ),
        migrations.AddField(
            model_name='exportjob',
            name='to_edition',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='to edition'),
        ),
        migrations.AlterField(
            model_name='exportjob',
            name='kind',
            field=models.CharField(choices=[('book', 'Book'), ('complete', 'Complete document'), ('evaluation', 'Evaluation report'), ('docx', 'Book (Word)'), ('redline', 'Redline of two versions')], db_index=True, default='book', max_length=10, verbose_name='kind'),
        ),
        migrations.AddConstraint(
            model_name='exportjob',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('book__isnull', False), ('from_edition__isnull', True), ('kind__in', ['book', 'docx']), ('to_edition__isnull', True), ('year__isnull', True)), models.Q(('book__isnull', True), ('from_edition__isnull', True), ('kind', 'complete'), ('to_edition__isnull', True), ('year__isnull', True)), models.Q(('book__isnull', True), ('from_edition__isnull', True), ('kind', 'evaluation'), ('to_edition__isnull', True), ('year__isnull', False)), models.Q(('book__isnull', False), ('from_edition__isnull', False), ('kind', 'redline'), ('year__isnull', True)), _connector='OR'), name='exportjob_kind_fields', violation_error_message='A book export names its book; an evaluation report its year; a redline its book and its editions.'),
        ),
    ]
