import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from convener.accounts.decorators import staff_required
from convener.lib.charts import bar_chart
from convener.lib.pdf import render_pdf

from .forms import FilterForm
from .tables import report_figures


def _report(request):
    form = FilterForm(request.GET or None)
    filters = form.filters()
    figures = report_figures(filters, fresh="fresh" in request.GET)
    tables = figures["tables"]
    by_key = {table.key: table for table in tables}
    charts = [
        bar_chart(
            "Course completions by library type",
            "Course completions in the chosen range, per library type.",
            by_key["library_type"].column(3),
        ),
        bar_chart(
            "Enrollments by month",
            "New enrollments in each month of the chosen range.",
            by_key["month"].column(1),
        ),
    ]
    totals = list(zip(by_key["totals"].columns, by_key["totals"].rows[0][1:], strict=True))
    return {
        "form": form,
        "filters": filters,
        "tables": tables,
        "charts": charts,
        "totals": totals,
        "completion": figures["completion"],
        "as_of": figures["as_of"],
        "query": _without_fresh(request.GET),
    }


def _without_fresh(query) -> str:
    query = query.copy()
    query.pop("fresh", None)
    return query.urlencode()


@staff_required
@require_GET
def index(request):
    return render(request, "reports/index.html", _report(request))


@staff_required
@require_GET
def summary(request):
    return render(request, "reports/summary.html", _report(request))


@staff_required
@require_GET
def summary_pdf(request):
    response = HttpResponse(
        render_pdf("reports/summary_pdf.html", _report(request)), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'attachment; filename="convener-summary.pdf"'
    return response


@staff_required
@require_GET
def export(request, table):
    form = FilterForm(request.GET or None)
    found = next((t for t in report_figures(form.filters())["tables"] if t.key == table), None)
    if found is None:
        raise Http404("No such table")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="convener-{table}.csv"'
    writer = csv.writer(response)
    writer.writerow([found.title, *found.columns])
    writer.writerows(found.rows)
    return response
