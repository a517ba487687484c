"""Export jobs of three kinds: a book, the complete document, a year's evaluation report.

The plan owns every job (the book's plan for the existing ones)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def plan_of_book(apps, schema_editor):
    ExportJob = apps.get_model("exports", "ExportJob")
    Book = apps.get_model("masterplan", "Book")
    for book_id, plan_id in Book.objects.filter(
        pk__in=ExportJob.objects.values("book_id")
    ).values_list("pk", "plan_id"):
        ExportJob.objects.filter(book_id=book_id).update(plan_id=plan_id)


class Migration(migrations.Migration):

    dependencies = [
        ('exports', '0002_official_front_matter'),
        ('masterplan', '0006_plan_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='exportjob',
            name='kind',
            field=models.CharField(choices=[('book', 'Book'), ('complete', 'Complete document'), ('evaluation', 'Evaluation report')], db_index=True, default='book', max_length=10, verbose_name='kind'),
        ),
        migrations.AddField(
            model_name='exportjob',
            name='plan',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='export_jobs', to='masterplan.plan', verbose_name='plan'),
        ),
        migrations.RunPython(plan_of_book, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='exportjob',
            name='plan',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='export_jobs', to='masterplan.plan', verbose_name='plan'),
        ),
        migrations.AddField(
            model_name='exportjob',
            name='year',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='year'),
        ),
        migrations.AlterField(
            model_name='exportjob',
            name='book',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='export_jobs', to='masterplan.book', verbose_name='book'),
        ),
        migrations.AddConstraint(
            model_name='exportjob',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('book__isnull', False), ('kind', 'book'), ('year__isnull', True)), models.Q(('book__isnull', True), ('kind', 'complete'), ('year__isnull', True)), models.Q(('book__isnull', True), ('kind', 'evaluation'), ('year__isnull', False)), _connector='OR'), name='exportjob_kind_fields', violation_error_message='A book export names its book; an evaluation report its year.'),
        ),
    ]
