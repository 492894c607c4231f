using Extractor.Results;
using Extractor.Schema;
using Extractor.Server.Contracts;
using Extractor.Server.Security;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Endpoints;

/// <summary>The analysts' side: one figure across documents, and its summary by agency or year.</summary>
public static class FigureEndpoints
{
    public static RouteGroupBuilder MapFigureEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/figures").WithTags("Figures").RequireAuthorization(Policies.Analyze);
        group.MapGet("/", List).WithSummary("One field (a path of fields.tsv) across reports (report of record once; copies=all for every copy), with its status");
        group.MapGet("/summary", Summary).WithSummary("Sum, count, min, max of one field by agency or year, with how many values are under review");
        return group;
    }

    private sealed record Row(Guid DocumentId, string? Agency, int? Year, decimal? Value, string Status, double Confidence, string Flags);

    private static IQueryable<Row> Query(ExtractorDbContext db, string field, int? year, string? agency)
    {
        var q = from f in db.Fields.AsNoTracking()
                join d in db.Documents.AsNoTracking() on f.DocumentId equals d.Id
                where f.Path == field && d.Status == DocumentStatus.Done
                select new { f, d };
        if (year is not null)
        {
            q = q.Where(x => x.d.Year == year);
        }
        if (!string.IsNullOrWhiteSpace(agency))
        {
            q = q.Where(x => x.d.Agency != null && x.d.Agency.Contains(agency));
        }
        return q.Select(x => new Row(x.d.Id, x.d.Agency, x.d.Year, x.f.Value, x.f.Status, x.f.Confidence, x.f.Flags));
    }

    /// <summary>
    /// Each report once (issue 13): only its report of record, so its web page and its PDF do not count twice;
    /// <c>copies=all</c> keeps every stored copy.
    /// </summary>
    private static async Task<List<Row>> RecordsAsync(ExtractorDbContext db, List<Row> rows, string? copies, CancellationToken ct)
    {
        if (string.Equals(copies, "all", StringComparison.OrdinalIgnoreCase))
        {
            return rows;
        }
        var catalog = await Analysis.ReportCatalog.LoadAsync(db, ct);
        return rows.Where(r => catalog.ByDocument.GetValueOrDefault(r.DocumentId)?.Record?.Id == r.DocumentId).ToList();
    }

    private static async Task<Results<Ok<FiguresDto>, BadRequest<ErrorDto>>> List(
        ExtractorDbContext db, string? field, int? year, string? agency, string? copies, CancellationToken cancellationToken)
    {
        if (field is null || Template.Find(field) is not { } def)
        {
            return TypedResults.BadRequest(new ErrorDto($"field '{field}' is not one of the 200 field paths (fields.tsv)"));
        }
        var rows = await RecordsAsync(db, await Query(db, field, year, agency).ToListAsync(cancellationToken), copies, cancellationToken);
        var items = rows.OrderBy(r => r.Agency, StringComparer.Ordinal).ThenBy(r => r.Year)
            .Select(r => new FigureDto(r.DocumentId, r.Agency, r.Year, Numbers.Plain(r.Value), r.Status, r.Confidence, ReviewEndpoints.Split(r.Flags)))
            .ToList();
        return TypedResults.Ok(new FiguresDto(field, ReviewEndpoints.Label(field), def.Unit, items));
    }

    private static async Task<Results<Ok<SummaryDto>, BadRequest<ErrorDto>>> Summary(
        ExtractorDbContext db, string? field, int? year, string? agency, string? groupBy, string? copies, CancellationToken cancellationToken)
    {
        if (field is null || !Template.IsField(field))
        {
            return TypedResults.BadRequest(new ErrorDto($"field '{field}' is not one of the 200 field paths (fields.tsv)"));
        }
        var by = string.IsNullOrWhiteSpace(groupBy) ? "agency" : groupBy;
        if (by is not ("agency" or "year"))
        {
            return TypedResults.BadRequest(new ErrorDto("groupBy is agency or year"));
        }
        // Aggregated here rather than in SQL: SQLite cannot sum decimals exactly, and one field has one row per report.
        var rows = await RecordsAsync(db, await Query(db, field, year, agency).ToListAsync(cancellationToken), copies, cancellationToken);
        var groups = rows.GroupBy(r => by == "agency" ? r.Agency ?? "" : r.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var values = g.Where(r => r.Value is not null).Select(r => r.Value!.Value).ToList();
                return new SummaryGroupDto(g.Key, values.Count,
                    Numbers.Plain(values.Count > 0 ? values.Sum() : null), Numbers.Plain(values.Count > 0 ? values.Min() : null), Numbers.Plain(values.Count > 0 ? values.Max() : null),
                    g.Count(r => r.Status == FieldStatus.Review), g.Count(r => r.Status == FieldStatus.Missing));
            })
            .ToList();
        return TypedResults.Ok(new SummaryDto(field, ReviewEndpoints.Label(field), by, groups));
    }
}
