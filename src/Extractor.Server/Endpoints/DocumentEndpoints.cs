using Extractor.Results;
using Extractor.Server.Contracts;
using Extractor.Server.Jobs;
using Extractor.Server.Results;
using Extractor.Server.Security;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Endpoints;

public static class DocumentEndpoints
{
    public static RouteGroupBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("Documents");
        group.MapGet("/", List).RequireAuthorization(Policies.Read).WithSummary("Documents, filtered by year, agency (substring), status and signedOff (true/false); paged");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.Read).WithSummary("Status, agency, year, failed checks and field counts of a document");
        group.MapGet("/{id:guid}/result", GetResult).RequireAuthorization(Policies.Read).WithSummary("The result JSON (docs/RESULT.md) with corrections applied and cross-year checks");
        group.MapGet("/{id:guid}/file", GetFile).RequireAuthorization(Policies.Read).WithSummary("The original file");
        group.MapPost("/{id:guid}/extract", Reextract).RequireAuthorization(Policies.Admin).WithSummary("Extract again (e.g. with a newer extractor); corrections are kept");
        group.MapPost("/extract-outdated", ReextractOutdated).RequireAuthorization(Policies.Admin)
            .WithSummary("Extract again every document last extracted by another extractor version; corrections are kept");
        return group;
    }

    internal static DocumentSummaryDto Summary(Document d) => new(
        d.Id, d.FileName, d.Sha256, d.Status, d.Error, d.Agency, d.Year,
        new FieldCountsDto(d.OkCount, d.ReviewCount, d.MissingCount), d.FailedCheckCount, d.CreatedAt, d.ProcessedAt, d.SignedOffBy, d.SignedOffAt);

    internal static CheckDto ToDto(CheckResult c) => new(c.Id, c.Passed, c.Fields, c.Message);

    private static async Task<Ok<PageDto<DocumentSummaryDto>>> List(
        ExtractorDbContext db, int? year, string? agency, string? status, bool? signedOff, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        (page, pageSize) = Paging.Clamp(page, pageSize);
        var q = db.Documents.AsNoTracking().AsQueryable();
        if (year is not null)
        {
            q = q.Where(d => d.Year == year);
        }
        if (!string.IsNullOrWhiteSpace(agency))
        {
            q = q.Where(d => d.Agency != null && d.Agency.Contains(agency));
        }
        if (!string.IsNullOrWhiteSpace(status))
        {
            q = q.Where(d => d.Status == status);
        }
        if (signedOff is not null)
        {
            q = signedOff.Value ? q.Where(d => d.SignedOffAt != null) : q.Where(d => d.SignedOffAt == null);
        }
        var total = await q.CountAsync(cancellationToken);
        var docs = await q.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PageDto<DocumentSummaryDto>(docs.Select(Summary).ToList(), page, pageSize, total));
    }

    private static async Task<Results<Ok<DocumentDto>, NotFound<ErrorDto>>> Get(
        Guid id, ExtractorDbContext db, CrossYearChecks crossYear, CancellationToken cancellationToken)
    {
        var d = await db.Documents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (d is null)
        {
            return TypedResults.NotFound(new ErrorDto($"no document {id}"));
        }
        var failed = new List<CheckDto>();
        if (d.ResultJson is not null && ResultJson.Deserialize(d.ResultJson) is { } result)
        {
            failed.AddRange(result.Checks.Where(c => !c.Passed).Select(ToDto));
        }
        failed.AddRange((await crossYear.ForAsync(d, cancellationToken)).Where(c => !c.Passed).Select(ToDto));
        var corrections = await db.Corrections.CountAsync(c => c.DocumentId == id, cancellationToken);
        return TypedResults.Ok(new DocumentDto(d.Id, d.FileName, d.Sha256, d.Status, d.Error, d.Agency, d.Year, d.Format,
            d.ExtractorVersion, new FieldCountsDto(d.OkCount, d.ReviewCount, d.MissingCount), failed, corrections, d.Attempts,
            d.CreatedAt, d.ProcessedAt, d.SignedOffBy, d.SignedOffAt));
    }

    private static async Task<Results<ContentHttpResult, NotFound<ErrorDto>, Conflict<DocumentSummaryDto>>> GetResult(
        Guid id, ExtractorDbContext db, CrossYearChecks crossYear, CancellationToken cancellationToken)
    {
        var d = await db.Documents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (d is null)
        {
            return TypedResults.NotFound(new ErrorDto($"no document {id}"));
        }
        if (d.ResultJson is null || ResultJson.Deserialize(d.ResultJson) is not { } result)
        {
            return TypedResults.Conflict(Summary(d));
        }
        foreach (var check in await crossYear.ForAsync(d, cancellationToken))
        {
            result.Checks.Add(check);
            if (!check.Passed)
            {
                foreach (var path in check.Fields)
                {
                    result.Fields.GetValueOrDefault(path)?.AddFlag(Flags.CheckFailed);
                }
            }
        }
        return TypedResults.Content(ResultJson.Serialize(result), "application/json; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, NotFound<ErrorDto>>> GetFile(Guid id, ExtractorDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        // An uploaded HTML (or anything) is never run by the browser: a download, not sniffed, sandboxed if opened.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        var d = await db.Documents.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.FileName, x.Sha256 }).SingleOrDefaultAsync(cancellationToken);
        var content = d is null ? null : await db.Files.AsNoTracking().Where(f => f.Sha256 == d.Sha256).Select(f => f.Content).SingleOrDefaultAsync(cancellationToken);
        if (d is null || content is null)
        {
            return TypedResults.NotFound(new ErrorDto($"no document {id}"));
        }
        return TypedResults.File(content, "application/octet-stream", d.FileName);
    }

    private static async Task<Results<Accepted<DocumentSummaryDto>, NotFound<ErrorDto>>> Reextract(
        Guid id, ExtractorDbContext db, IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        var d = await db.Documents.SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (d is null)
        {
            return TypedResults.NotFound(new ErrorDto($"no document {id}"));
        }
        // Queued (not done) makes the idempotent job run again whatever version extracted it last.
        d.Status = DocumentStatus.Queued;
        d.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        d.JobId = RequeueOrphansJob.Enqueue(jobs, d.Id);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/documents/{id}", Summary(d));
    }

    private static async Task<Accepted<ReextractDto>> ReextractOutdated(ExtractorDbContext db, IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        var current = ExtractDocumentJob.CurrentVersion;
        var outdated = await db.Documents
            .Where(d => (d.Status == DocumentStatus.Done || d.Status == DocumentStatus.Failed) && d.ExtractorVersion != current)
            .ToListAsync(cancellationToken);
        foreach (var d in outdated)
        {
            // The job itself skips documents already on the current version, so enqueueing is all it takes.
            d.JobId = RequeueOrphansJob.Enqueue(jobs, d.Id);
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted("/api/documents", new ReextractDto(outdated.Count, current));
    }
}

public sealed record ReextractDto(int Enqueued, string ExtractorVersion);

internal static class Paging
{
    public static (int Page, int PageSize) Clamp(int page, int pageSize) => (Math.Max(1, page), Math.Clamp(pageSize, 1, 500));
}
