using Extractor.Server.Contracts;
using Extractor.Server.Evidence;
using Extractor.Server.Review;
using Extractor.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Extractor.Server.Endpoints;

/// <summary>
/// The auditors' side: the review queue, evidence of a figure (page image with its box, or source text), corrections,
/// confirmations, acknowledgements of failed checks, sign-off, and the audit trail. Thin: the work is in
/// <see cref="ReviewService"/> and <see cref="EvidenceService"/>, which the web pages call too.
/// </summary>
public static class ReviewEndpoints
{
    /// <summary>The box's units and origin, for the OpenAPI description (docs/SERVICE.md, 证据 / Evidence, says the same).</summary>
    public const string BoxDescription =
        "page.box is [x0, y0, x1, y1] in PDF points (1/72 inch) with the origin at the bottom-left corner of the page as " +
        "displayed (rotation applied), y growing upwards: exactly the bbox of the result JSON. For a text-layer PDF it is " +
        "the page's user space; for a scanned page, the page as pdftoppm renders it (after the OCR's deskew, so a " +
        "tilted scan is off by its tilt); for an image document, points of the picture at the OCR resolution from its " +
        "bottom-left corner. page.pixelBox is [x0, y0, x1, y1] in pixels of page.imageUrl (rendered at page.dpi; for an " +
        "image document the picture's own pixels), origin top-left, y growing downwards, x1/y1 exclusive: " +
        "pixel = point × dpi / 72, y measured from the top. HTML, DOCX and text documents have text evidence instead: " +
        "text.figure at text.offset (text.length characters) of the decoded file (source text) or of the reader's text " +
        "(source reader), and text.table, the table as the reader saw it with the cell at (row, column).";

    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/review").WithTags("Review")
            .MapGet("/", Queue).RequireAuthorization(Policies.Audit)
            .WithSummary("Fields to look at, worst first (failed checks, then lowest confidence); filters document, batch, agency, year, flag, check, maxConfidence, status; paged")
            .WithDescription("check=failed: fields in any failed check; another value matches failed check ids containing it (e.g. balance:). " +
                             "flag: a flag the field carries (ocr, label_fuzzy, ...). Each item has evidenceUrl.");
        var docs = app.MapGroup("/api/documents").WithTags("Review");
        docs.MapPut("/{id:guid}/fields/{path}", Correct).RequireAuthorization(Policies.Audit)
            .WithSummary("Correct one field: stored with who, when, old, new and why; the document's checks are re-run; a sign-off is reopened");
        docs.MapPost("/{id:guid}/fields/{path}/confirm", Confirm).RequireAuthorization(Policies.Audit)
            .WithSummary("Confirm a field's value as read: it becomes ok with flag confirmed (recorded); body optional: {value} guards against a stale page");
        docs.MapPost("/{id:guid}/checks/{checkId}/acknowledge", Acknowledge).RequireAuthorization(Policies.Audit)
            .WithSummary("Acknowledge a failed check with a reason (recorded): the printed figures stand although they do not add up");
        docs.MapGet("/{id:guid}/signoff", SignOffState).RequireAuthorization(Policies.Read)
            .WithSummary("Whether the document is or can be signed off, and what blocks it");
        docs.MapPost("/{id:guid}/signoff", SignOff).RequireAuthorization(Policies.Audit)
            .WithSummary("Sign the document off (recorded); 409 Problem Details listing the blockers (in Chinese) while fields are under review or failed checks are not acknowledged");
        docs.MapGet("/{id:guid}/history", History).RequireAuthorization(Policies.Audit)
            .WithSummary("The audit trail of a document: corrections, confirmations, acknowledgements, sign-offs, and what the system dropped or reopened");
        docs.MapGet("/{id:guid}/fields/{path}/evidence", Evidence).RequireAuthorization(Policies.Read)
            .WithSummary("Evidence of one figure: value, state, labels as read, its checks, and where it was read (page box or source text)")
            .WithDescription(BoxDescription)
            .Produces<FieldEvidenceDto>().Produces<ErrorDto>(StatusCodes.Status404NotFound).Produces<ErrorDto>(StatusCodes.Status409Conflict);
        docs.MapGet("/{id:guid}/pages/{page:int}.png", PageImage).RequireAuthorization(Policies.Read)
            .WithSummary("A page rendered as PNG (pdftoppm, cached; dpi 36-300, default 100), with ?field=path the field's box drawn in red; for an image document page 1 is the picture")
            .WithDescription(BoxDescription + " Errors: 404 no such page, 422 a format without pages (HTML, DOCX, text), 503 pdftoppm not installed.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png").Produces<ErrorDto>(StatusCodes.Status404NotFound)
            .Produces<ErrorDto>(StatusCodes.Status422UnprocessableEntity).Produces<ErrorDto>(StatusCodes.Status503ServiceUnavailable);
        docs.MapGet("/{id:guid}/fields/{path}/crop.png", Crop).RequireAuthorization(Policies.Read)
            .WithSummary("A zoomed crop of the page around a field's cell (dpi default 200, margin default 120 pixels), its box drawn in red")
            .Produces(StatusCodes.Status200OK, contentType: "image/png").Produces<ErrorDto>(StatusCodes.Status404NotFound)
            .Produces<ErrorDto>(StatusCodes.Status422UnprocessableEntity).Produces<ErrorDto>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static string Who(HttpContext http) => http.User.Identity?.Name ?? "unknown";

    private static async Task<Ok<PageDto<ReviewItemDto>>> Queue(
        ReviewService review, Guid? document, Guid? batch, string? agency, int? year, string? flag, string? check, double? maxConfidence, string? status,
        int page = 1, int pageSize = 50, CancellationToken cancellationToken = default) =>
        TypedResults.Ok(await review.QueueAsync(new ReviewQueueQuery(document, batch, agency, year, flag, check, maxConfidence, status, page, pageSize), cancellationToken));

    private static async Task<Results<Ok<CorrectedFieldDto>, NotFound<ErrorDto>, BadRequest<ErrorDto>, Conflict<ErrorDto>>> Correct(
        Guid id, string path, CorrectionRequest body, HttpContext http, ReviewService review, CancellationToken cancellationToken)
    {
        var r = await review.CorrectAsync(id, path, body.Value, body.Reason, Who(http), cancellationToken);
        return r.Kind switch
        {
            ReviewOutcomeKind.Ok => TypedResults.Ok(r.Value),
            ReviewOutcomeKind.NotFound => TypedResults.NotFound(new ErrorDto(r.Error!)),
            ReviewOutcomeKind.Invalid => TypedResults.BadRequest(new ErrorDto(r.Error!)),
            _ => TypedResults.Conflict(new ErrorDto(r.Error!)),
        };
    }

    private static async Task<Results<Ok<ConfirmedFieldDto>, NotFound<ErrorDto>, BadRequest<ErrorDto>, Conflict<ErrorDto>>> Confirm(
        Guid id, string path, [FromBody] ConfirmRequest? body, HttpContext http, ReviewService review, CancellationToken cancellationToken)
    {
        var r = await review.ConfirmAsync(id, path, Who(http), body?.Value, body?.Note, cancellationToken);
        return r.Kind switch
        {
            ReviewOutcomeKind.Ok => TypedResults.Ok(r.Value),
            ReviewOutcomeKind.NotFound => TypedResults.NotFound(new ErrorDto(r.Error!)),
            ReviewOutcomeKind.Invalid => TypedResults.BadRequest(new ErrorDto(r.Error!)),
            _ => TypedResults.Conflict(new ErrorDto(r.Error!)),
        };
    }

    private static async Task<Results<Ok<AcknowledgedCheckDto>, NotFound<ErrorDto>, BadRequest<ErrorDto>, Conflict<ErrorDto>>> Acknowledge(
        Guid id, string checkId, AcknowledgeRequest body, HttpContext http, ReviewService review, CancellationToken cancellationToken)
    {
        var r = await review.AcknowledgeAsync(id, checkId, body.Reason, Who(http), cancellationToken);
        return r.Kind switch
        {
            ReviewOutcomeKind.Ok => TypedResults.Ok(r.Value),
            ReviewOutcomeKind.NotFound => TypedResults.NotFound(new ErrorDto(r.Error!)),
            ReviewOutcomeKind.Invalid => TypedResults.BadRequest(new ErrorDto(r.Error!)),
            _ => TypedResults.Conflict(new ErrorDto(r.Error!)),
        };
    }

    private static async Task<Results<Ok<SignOffStateDto>, NotFound<ErrorDto>>> SignOffState(Guid id, ReviewService review, CancellationToken cancellationToken) =>
        await review.SignOffStateAsync(id, cancellationToken) is { } state ? TypedResults.Ok(state) : TypedResults.NotFound(new ErrorDto($"没有文档 {id}"));

    private static async Task<Results<Ok<SignOffDto>, NotFound<ErrorDto>, ProblemHttpResult>> SignOff(
        Guid id, [FromBody] SignOffRequest? body, HttpContext http, ReviewService review, CancellationToken cancellationToken)
    {
        var r = await review.SignOffAsync(id, Who(http), body?.Note, cancellationToken);
        return r.Kind switch
        {
            ReviewOutcomeKind.Ok => TypedResults.Ok(r.Value),
            ReviewOutcomeKind.NotFound => TypedResults.NotFound(new ErrorDto(r.Error!)),
            _ => TypedResults.Problem(title: "不能签发", detail: r.Error, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["blockers"] = r.Blockers ?? [], ["error"] = r.Error }),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntryDto>>, NotFound<ErrorDto>>> History(Guid id, ReviewService review, CancellationToken cancellationToken) =>
        await review.HistoryAsync(id, cancellationToken) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound(new ErrorDto($"没有文档 {id} (no document {id})"));

    private static async Task<IResult> Evidence(Guid id, string path, EvidenceService evidence, int? dpi, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await evidence.GetAsync(id, path, dpi ?? PageImages.DefaultDpi, cancellationToken));
        }
        catch (EvidenceException ex)
        {
            return Error(ex);
        }
    }

    private static async Task<IResult> PageImage(Guid id, int page, EvidenceService evidence, HttpContext http, int? dpi, string? field, CancellationToken cancellationToken)
    {
        try
        {
            var image = await evidence.PageImageAsync(id, page, dpi ?? PageImages.DefaultDpi, string.IsNullOrWhiteSpace(field) ? null : field, cancellationToken);
            return Png(http, image);
        }
        catch (EvidenceException ex)
        {
            return Error(ex);
        }
    }

    private static async Task<IResult> Crop(Guid id, string path, EvidenceService evidence, HttpContext http, int? dpi, int? margin, CancellationToken cancellationToken)
    {
        try
        {
            return Png(http, await evidence.CropAsync(id, path, dpi ?? 200, margin ?? 120, cancellationToken));
        }
        catch (EvidenceException ex)
        {
            return Error(ex);
        }
    }

    private static IResult Png(HttpContext http, EvidenceImage image)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.File(image.Png, "image/png");
    }

    internal static string Label(string path) => ReviewService.Label(path);

    internal static IReadOnlyList<string> Split(string s) => ReviewService.Split(s);

    private static IResult Error(EvidenceException ex) => TypedResults.Json(new ErrorDto(ex.Message), statusCode: ex.StatusCode);
}
