using System.Text.Json;
using Extractor.Results;
using Extractor.Schema;
using Extractor.Server.Contracts;
using Extractor.Server.Results;
using Extractor.Server.Security;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Polly;

namespace Extractor.Server.Endpoints;

/// <summary>The auditors' side: the review queue, corrections with an audit trail, and that trail.</summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/review").WithTags("Review")
            .MapGet("/", Queue).RequireAuthorization(Policies.Audit)
            .WithSummary("Fields to look at, worst first, with their evidence and failed checks; paged");
        var docs = app.MapGroup("/api/documents").WithTags("Review");
        docs.MapPut("/{id:guid}/fields/{path}", Correct).RequireAuthorization(Policies.Audit)
            .WithSummary("Correct one field: stored with who, when, old, new and why; the document's checks are re-run");
        docs.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.Audit).WithSummary("The audit trail of a document");
        return app;
    }

    private static async Task<Ok<PageDto<ReviewItemDto>>> Queue(
        ExtractorDbContext db, string? status, string? check, double? maxConfidence, int? year, string? agency,
        int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        (page, pageSize) = Paging.Clamp(page, pageSize);
        var wanted = string.IsNullOrWhiteSpace(status) ? FieldStatus.Review : status;
        var q = from f in db.Fields.AsNoTracking()
                join d in db.Documents.AsNoTracking() on f.DocumentId equals d.Id
                where f.Status == wanted
                select new { f, d.FileName, d.Agency, d.Year };
        if (string.Equals(check, "failed", StringComparison.OrdinalIgnoreCase))
        {
            q = q.Where(x => x.f.CheckFailed);
        }
        if (maxConfidence is not null)
        {
            q = q.Where(x => x.f.Confidence <= maxConfidence);
        }
        if (year is not null)
        {
            q = q.Where(x => x.Year == year);
        }
        if (!string.IsNullOrWhiteSpace(agency))
        {
            q = q.Where(x => x.Agency != null && x.Agency.Contains(agency));
        }
        var total = await q.CountAsync(cancellationToken);
        // Worst first: failed checks, then lowest confidence.
        var rows = await q.OrderByDescending(x => x.f.CheckFailed).ThenBy(x => x.f.Confidence).ThenBy(x => x.f.DocumentId).ThenBy(x => x.f.Path)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var items = rows.Select(x => new ReviewItemDto(x.f.DocumentId, x.FileName, x.Agency, x.Year, x.f.Path, Label(x.f.Path), Numbers.Plain(x.f.Value),
            x.f.Confidence, x.f.Status, Split(x.f.Flags), Split(x.f.FailedChecks),
            x.f.EvidenceJson is null ? null : JsonSerializer.Deserialize<JsonElement>(x.f.EvidenceJson))).ToList();
        return TypedResults.Ok(new PageDto<ReviewItemDto>(items, page, pageSize, total));
    }

    private static async Task<Results<Ok<CorrectedFieldDto>, NotFound<ErrorDto>, BadRequest<ErrorDto>, Conflict<ErrorDto>>> Correct(
        Guid id, string path, CorrectionRequest body, HttpContext http, ExtractorDbContext db, ResultStore store,
        ResiliencePipeline retry, CancellationToken cancellationToken)
    {
        if (Template.Find(path) is not { } def)
        {
            return TypedResults.BadRequest(new ErrorDto($"'{path}' is not one of the 200 field paths (fields.tsv)"));
        }
        if (def.IsCount && body.Value is { } v && v != decimal.Truncate(v))
        {
            return TypedResults.BadRequest(new ErrorDto($"'{path}' counts 件: a whole number is expected"));
        }
        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            return TypedResults.BadRequest(new ErrorDto("a reason is required for every correction"));
        }
        if (body.Value is < 0)
        {
            return TypedResults.BadRequest(new ErrorDto("figures of the template are never negative"));
        }
        var who = http.User.Identity?.Name ?? "unknown";
        Correction? saved = null;
        ExtractionResult? result = null;
        var outcome = await retry.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var doc = await db.Documents.SingleOrDefaultAsync(d => d.Id == id, ct);
            if (doc is null)
            {
                return 404;
            }
            if (doc.Status != DocumentStatus.Done || doc.ResultJson is null)
            {
                return 409;
            }
            var old = ResultJson.Deserialize(doc.ResultJson)?.Fields.GetValueOrDefault(path)?.Value;
            saved = new Correction
            {
                DocumentId = id, Path = path, OldValue = old, NewValue = body.Value, Reason = body.Reason.Trim(), Who = who, At = DateTime.UtcNow,
            };
            db.Corrections.Add(saved);
            await store.SaveComposedAsync(doc, ct);
            result = ResultJson.Deserialize(doc.ResultJson!);
            return 200;
        }, cancellationToken);
        if (outcome == 404)
        {
            return TypedResults.NotFound(new ErrorDto($"no document {id}"));
        }
        if (outcome == 409 || saved is null || result is null)
        {
            return TypedResults.Conflict(new ErrorDto($"document {id} has no extracted result to correct (not done yet, or failed)"));
        }
        var failed = result.Checks.Where(c => !c.Passed).Select(DocumentEndpoints.ToDto).ToList();
        return TypedResults.Ok(new CorrectedFieldDto(id, path, result.Fields[path], failed, ToDto(saved)));
    }

    private static async Task<Results<Ok<List<CorrectionDto>>, NotFound<ErrorDto>>> History(Guid id, ExtractorDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Documents.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return TypedResults.NotFound(new ErrorDto($"no document {id}"));
        }
        var list = await db.Corrections.AsNoTracking().Where(c => c.DocumentId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(ToDto).ToList());
    }

    internal static CorrectionDto ToDto(Correction c) => new(c.Id, c.Path, Numbers.Plain(c.OldValue), Numbers.Plain(c.NewValue), c.Reason, c.Who, c.At);

    internal static string Label(string path) => Template.Find(path) is { } f ? $"{f.RowLabel} {f.ColumnLabel}" : path;

    internal static IReadOnlyList<string> Split(string s) => s.Length == 0 ? [] : s.Split(',');
}
