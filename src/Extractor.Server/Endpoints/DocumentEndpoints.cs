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
        group.MapGet("/", List).RequireAuthorization(Policies.Read)
            .WithSummary("Documents, filtered by year, agency (substring), status, signedOff (true/false), rule (a rule pack id: reports with a finding of it) and severity (error/warning/notice: reports with a finding of it); paged; each with its quality summary");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.Read).WithSummary("Status, agency, year, failed checks and field counts of a document");
        group.MapGet("/{id:guid}/result", GetResult).RequireAuthorization(Policies.Read).WithSummary("The result JSON (docs/RESULT.md) with corrections applied and cross-year checks");
        group.MapGet("/{id:guid}/file", GetFile).RequireAuthorization(Policies.Read).WithSummary("The original file");
        group.MapPost("/{id:guid}/extract", Reextract).RequireAuthorization(Policies.Admin).WithSummary("Extract again (e.g. with a newer extractor); corrections are kept");
        group.MapPost("/extract-outdated", ReextractOutdated).RequireAuthorization(Policies.Admin)
            .WithSummary("Extract again every document last extracted by another extractor version; corrections are kept");
        return group;
    }

    internal static DocumentSummaryDto Summary(Document d, QualitySummary? quality = null) => new(
        d.Id, d.FileName, d.Sha256, d.Status, d.Error, d.Agency, d.Year,
        new FieldCountsDto(d.OkCount, d.ReviewCount, d.MissingCount), d.FailedCheckCount, d.CreatedAt, d.ProcessedAt, d.SignedOffBy, d.SignedOffAt,
        ToDto(quality));

    internal static QualityDto? ToDto(QualitySummary? q) => q is null ? null : new(q.RulePack, q.Errors, q.Warnings, q.Notices);

    internal static FindingDto ToDto(Finding f) => new(
        f.Rule, Extractor.Validation.RulePack.Default.Find(f.Rule)?.Title ?? f.Rule, f.Severity, f.Message, f.Fields,
        f.Passages.Select(p => new PassageDto(p.Section, p.Offset, p.Length, p.Text)).ToList());

    internal static CheckDto ToDto(CheckResult c) => new(c.Id, c.Passed, c.Fields, c.Message);

    private static async Task<Results<Ok<PageDto<DocumentSummaryDto>>, BadRequest<ErrorDto>>> List(
        ExtractorDbContext db, ServerFindings findings, int? year, string? agency, string? status, bool? signedOff, string? rule, string? severity,
        int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        rule = string.IsNullOrWhiteSpace(rule) ? null : rule.Trim();
        severity = string.IsNullOrWhiteSpace(severity) ? null : severity.Trim();
        if (rule is not null && Extractor.Validation.RulePack.Default.Find(rule) is null)
        {
            return TypedResults.BadRequest(new ErrorDto($"rule: '{rule}' is not in the rule pack {Extractor.Validation.RulePack.Default.Version} (GET /api/rules lists them)"));
        }
        if (severity is not null && severity is not (Extractor.Validation.Severities.Error or Extractor.Validation.Severities.Warning or Extractor.Validation.Severities.Notice))
        {
            return TypedResults.BadRequest(new ErrorDto($"severity: '{severity}' is not error, warning or notice"));
        }
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
        var catalog = await findings.CatalogAsync(cancellationToken);
        var ordered = q.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id);
        if (rule is null && severity is null)
        {
            var total = await q.CountAsync(cancellationToken);
            var docs = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            var items = new List<DocumentSummaryDto>();
            foreach (var d in docs)
            {
                items.Add(Summary(d, (await findings.ResultAsync(d, cancellationToken, catalog))?.Quality));
            }
            return TypedResults.Ok(new PageDto<DocumentSummaryDto>(items, page, pageSize, total));
        }
        // Findings are computed when read (the cross-year and cross-copy ones depend on other reports): every
        // document the other filters leave is evaluated, then the page is cut.
        var matching = new List<DocumentSummaryDto>();
        foreach (var d in await ordered.Where(d => d.Status == DocumentStatus.Done).ToListAsync(cancellationToken))
        {
            var result = await findings.ResultAsync(d, cancellationToken, catalog);
            if (result is not null && result.Findings.Any(f => (rule is null || f.Rule == rule) && (severity is null || f.Severity == severity)))
            {
                matching.Add(Summary(d, result.Quality));
            }
        }
        return TypedResults.Ok(new PageDto<DocumentSummaryDto>(matching.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, matching.Count));
    }

    private static async Task<Results<Ok<DocumentDto>, NotFound<ErrorDto>>> Get(
        Guid id, ExtractorDbContext db, ServerFindings findings, CancellationToken cancellationToken)
    {
        var d = await db.Documents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (d is null)
        {
            return TypedResults.NotFound(new ErrorDto($"no document {id}"));
        }
        var result = await findings.ResultAsync(d, cancellationToken);
        var failed = result?.Checks.Where(c => !c.Passed).Select(ToDto).ToList() ?? [];
        var corrections = await db.Corrections.CountAsync(c => c.DocumentId == id, cancellationToken);
        return TypedResults.Ok(new DocumentDto(d.Id, d.FileName, d.Sha256, d.Status, d.Error, d.Agency, d.Year, d.Format,
            d.ExtractorVersion, new FieldCountsDto(d.OkCount, d.ReviewCount, d.MissingCount), failed, corrections, d.Attempts,
            d.CreatedAt, d.ProcessedAt, d.SignedOffBy, d.SignedOffAt, ToDto(result?.Quality), result?.Findings.Select(ToDto).ToList() ?? []));
    }

    private static async Task<Results<ContentHttpResult, NotFound<ErrorDto>, Conflict<DocumentSummaryDto>>> GetResult(
        Guid id, ExtractorDbContext db, ServerFindings findings, CancellationToken cancellationToken)
    {
        var d = await db.Documents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (d is null)
        {
            return TypedResults.NotFound(new ErrorDto($"no document {id}"));
        }
        if (await findings.ResultAsync(d, cancellationToken) is not { } result)
        {
            return TypedResults.Conflict(Summary(d));
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
