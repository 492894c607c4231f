using Extractor.Server.Contracts;
using Extractor.Server.Hosting;
using Extractor.Server.Security;
using Extractor.Server.Uploads;
using Extractor.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Extractor.Server.Endpoints;

public static class BatchEndpoints
{
    public static RouteGroupBuilder MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/batches").WithTags("Batches");
        group.MapPost("/", Upload)
            .RequireAuthorization(Policies.Upload)
            .DisableAntiforgery()
            // The form is read by UploadReader (to answer limits with clear messages); this only describes it.
            .Accepts<UploadForm>("multipart/form-data")
            .Produces<ErrorDto>(StatusCodes.Status400BadRequest)
            .Produces<ErrorDto>(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Upload one or many files, or a zip of files, as a batch (multipart field 'files')");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.Read).WithSummary("Progress of a batch: counts by status");
        return group;
    }

    private static async Task<Results<Accepted<BatchCreatedDto>, ProblemHttpResult>> Upload(
        HttpContext http, BatchIngest ingest, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        // The request-size limit is ours (Extractor:Upload:MaxRequestBytes), answered with a message instead of a dropped connection.
        var sizeFeature = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = options.Value.Upload.MaxRequestBytes;
        }
        List<UploadedFile> files;
        try
        {
            files = await new UploadReader(options.Value.Upload).ReadAsync(http.Request, cancellationToken);
        }
        catch (UploadRejectedException ex)
        {
            // Problem Details (RFC 9457); "error" repeats the detail for clients of the earlier { error } shape.
            return TypedResults.Problem(detail: ex.Message, statusCode: ex.StatusCode, title: "上传被拒绝",
                extensions: new Dictionary<string, object?> { ["error"] = ex.Message });
        }
        var who = http.User.Identity?.Name ?? "unknown";
        var created = await ingest.IngestAsync(files, who, cancellationToken);
        return TypedResults.Accepted($"/api/batches/{created.Id}", created);
    }

    private static async Task<Results<Ok<BatchDto>, NotFound<ErrorDto>>> Get(Guid id, ExtractorDbContext db, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return TypedResults.NotFound(new ErrorDto($"no batch {id}"));
        }
        var entries = await db.BatchEntries.AsNoTracking().Where(e => e.BatchId == id).OrderBy(e => e.Position)
            .Select(e => new
            {
                e.DocumentId, e.FileName, e.Duplicate, e.Document!.Sha256, e.Document.Status, e.Document.Agency, e.Document.Year,
                e.Document.OkCount, e.Document.ReviewCount, e.Document.MissingCount, e.Document.Error,
            })
            .ToListAsync(cancellationToken);
        var byDoc = entries.GroupBy(e => e.DocumentId).Select(g => g.First().Status).ToList();
        var counts = new StatusCountsDto(
            byDoc.Count(s => s == Storage.Entities.DocumentStatus.Queued),
            byDoc.Count(s => s == Storage.Entities.DocumentStatus.Processing),
            byDoc.Count(s => s == Storage.Entities.DocumentStatus.Done),
            byDoc.Count(s => s == Storage.Entities.DocumentStatus.Failed));
        var dto = new BatchDto(batch.Id, batch.CreatedAt, batch.CreatedBy, byDoc.Count, counts.Queued + counts.Processing == 0, counts,
            entries.Select(e => new BatchEntryDto(e.DocumentId, e.FileName, e.Sha256, e.Duplicate, e.Status, e.Agency, e.Year,
                e.Status == Storage.Entities.DocumentStatus.Done ? new FieldCountsDto(e.OkCount, e.ReviewCount, e.MissingCount) : null,
                e.Error, e.Error is null ? null : Web.Labels.FailureReason(e.Error))).ToList());
        return TypedResults.Ok(dto);
    }
}

/// <summary>The upload form as the OpenAPI document describes it: field <c>files</c>, one or more files or zips.</summary>
public sealed class UploadForm
{
    public IFormFileCollection? Files { get; init; }
}
