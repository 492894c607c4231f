using Extractor.Results;
using Extractor.Schema;
using Extractor.Server.Contracts;
using Extractor.Server.Results;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Polly;

namespace Extractor.Server.Review;

/// <summary>
/// The auditors' actions on a document, each recorded with who and when: correct a figure, confirm it as read,
/// acknowledge a failed check, sign the document off; its audit trail; and the review queue. The HTTP endpoints
/// (ReviewEndpoints) and the web pages both call this. <c>who</c> is the authenticated principal's name.
/// </summary>
/// <remarks>
/// After a sign-off: a correction reopens it (recorded); a re-extraction that changes any figure or state reopens it;
/// a confirmation or an acknowledgement leaves it in force (they change no figure).
/// </remarks>
public sealed class ReviewService(ExtractorDbContext db, ResultStore store, CrossYearChecks crossYear, ResiliencePipeline retry)
{
    /// <summary>
    /// Corrects field <paramref name="path"/> to <paramref name="value"/> (null: the document truly lacks it) with a
    /// reason; the document's checks are re-run. Drops a confirmation of the field and reopens a sign-off (both recorded).
    /// </summary>
    public async Task<ReviewOutcome<CorrectedFieldDto>> CorrectAsync(Guid documentId, string path, decimal? value, string? reason, string who, CancellationToken cancellationToken = default)
    {
        if (Template.Find(path) is not { } def)
        {
            return ReviewOutcome<CorrectedFieldDto>.Invalid($"'{path}' 不是 200 个字段之一 (not one of the 200 field paths of fields.tsv)");
        }
        if (def.IsCount && value is { } v && v != decimal.Truncate(v))
        {
            return ReviewOutcome<CorrectedFieldDto>.Invalid($"'{path}' 以件计，须为整数 (counts 件: a whole number is expected)");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ReviewOutcome<CorrectedFieldDto>.Invalid("每次更正都须填写原因 (a reason is required for every correction)");
        }
        if (value is < 0)
        {
            return ReviewOutcome<CorrectedFieldDto>.Invalid("模板中的数字不会是负数 (figures of the template are never negative)");
        }
        Correction? saved = null;
        ExtractionResult? result = null;
        var outcome = await retry.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var doc = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId, ct);
            if (doc is null)
            {
                return 404;
            }
            if (doc.Status != DocumentStatus.Done || doc.ResultJson is null)
            {
                return 409;
            }
            var old = ResultJson.Deserialize(doc.ResultJson)?.Fields.GetValueOrDefault(path)?.Value;
            var now = DateTime.UtcNow;
            saved = new Correction { DocumentId = documentId, Path = path, OldValue = old, NewValue = value, Reason = reason.Trim(), Who = who, At = now };
            db.Corrections.Add(saved);
            foreach (var a in await ActiveForPathAsync(documentId, path, ct))
            {
                a.Active = false;
                if (a.Kind == ReviewActionKind.Confirm)
                {
                    db.ReviewActions.Add(new ReviewAction
                    {
                        DocumentId = documentId, Kind = ReviewActionKind.ConfirmationDropped, Path = path, Value = value,
                        Reason = "该项被更正，原确认失效", Who = who, At = now, Active = false,
                    });
                }
            }
            await store.ReopenAsync(doc, who, $"签发后更正了 {path}", ct);
            await store.SaveComposedAsync(doc, ct, who);
            result = ResultJson.Deserialize(doc.ResultJson!);
            return 200;
        }, cancellationToken);
        if (outcome == 404)
        {
            return ReviewOutcome<CorrectedFieldDto>.NotFound($"没有文档 {documentId} (no document {documentId})");
        }
        if (outcome == 409 || saved is null || result is null)
        {
            return ReviewOutcome<CorrectedFieldDto>.Conflict($"文档 {documentId} 没有可更正的提取结果（尚未完成或提取失败）(no extracted result to correct)");
        }
        var failed = result.Checks.Where(c => !c.Passed).Select(c => new CheckDto(c.Id, c.Passed, c.Fields, c.Message)).ToList();
        return ReviewOutcome<CorrectedFieldDto>.Ok(new CorrectedFieldDto(documentId, path, result.Fields[path], failed, ToCorrectionDto(saved)));
    }

    /// <summary>
    /// Confirms field <paramref name="path"/> as read: it becomes ok with flag <c>confirmed</c>, kept by a re-extraction
    /// that reads the same value. Refused (409) when the field has no value, or when <paramref name="expectedValue"/> is
    /// given and is no longer the field's value (the page was stale).
    /// </summary>
    public async Task<ReviewOutcome<ConfirmedFieldDto>> ConfirmAsync(Guid documentId, string path, string who, decimal? expectedValue = null, string? note = null, CancellationToken cancellationToken = default)
    {
        if (Template.Find(path) is null)
        {
            return ReviewOutcome<ConfirmedFieldDto>.Invalid($"'{path}' 不是 200 个字段之一 (fields.tsv)");
        }
        ReviewAction? saved = null;
        FieldResult? field = null;
        string? conflict = null;
        var outcome = await retry.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var doc = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId, ct);
            if (doc is null)
            {
                return 404;
            }
            if (doc.Status != DocumentStatus.Done || doc.ResultJson is null || ResultJson.Deserialize(doc.ResultJson) is not { } current)
            {
                conflict = $"文档 {documentId} 还没有提取结果，无法确认";
                return 409;
            }
            var value = current.Fields.GetValueOrDefault(path)?.Value;
            if (value is null)
            {
                conflict = $"{path} 没有读出数值，无法确认；请用更正填写数值（或更正为空，说明文档确无此项）";
                return 409;
            }
            if (expectedValue is { } e && e != value.Value)
            {
                conflict = $"{path} 的数值已是 {Numbers.Plain(value)}，不是 {Numbers.Plain(e)}：请重新查看后再确认";
                return 409;
            }
            foreach (var a in await ActiveForPathAsync(documentId, path, ct))
            {
                a.Active = false;
            }
            saved = new ReviewAction
            {
                DocumentId = documentId, Kind = ReviewActionKind.Confirm, Path = path, Value = value,
                Reason = note?.Trim() ?? "", Who = who, At = DateTime.UtcNow,
            };
            db.ReviewActions.Add(saved);
            await store.SaveComposedAsync(doc, ct, who);
            field = ResultJson.Deserialize(doc.ResultJson!)!.Fields[path];
            return 200;
        }, cancellationToken);
        return outcome switch
        {
            404 => ReviewOutcome<ConfirmedFieldDto>.NotFound($"没有文档 {documentId}"),
            409 => ReviewOutcome<ConfirmedFieldDto>.Conflict(conflict!),
            _ => ReviewOutcome<ConfirmedFieldDto>.Ok(new ConfirmedFieldDto(documentId, path, field!, ToDto(saved!))),
        };
    }

    /// <summary>
    /// Acknowledges the failed check <paramref name="checkId"/> with a reason (the printed figures do not add up and
    /// stand as printed). Covers the check while its message (its figures) stays the same. 404 for a check the document
    /// does not have; 409 for a check that passes.
    /// </summary>
    public async Task<ReviewOutcome<AcknowledgedCheckDto>> AcknowledgeAsync(Guid documentId, string checkId, string? reason, string who, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ReviewOutcome<AcknowledgedCheckDto>.Invalid("说明校验失败的原因是必填的 (a reason is required)");
        }
        var doc = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (doc is null)
        {
            return ReviewOutcome<AcknowledgedCheckDto>.NotFound($"没有文档 {documentId}");
        }
        var checks = await AllChecksAsync(doc, cancellationToken);
        var check = checks.FirstOrDefault(c => c.Id == checkId);
        if (check is null)
        {
            return ReviewOutcome<AcknowledgedCheckDto>.NotFound($"文档没有校验 {checkId}");
        }
        if (check.Passed)
        {
            return ReviewOutcome<AcknowledgedCheckDto>.Conflict($"校验 {checkId} 已通过，无需说明");
        }
        var earlier = await db.ReviewActions
            .Where(a => a.DocumentId == documentId && a.Kind == ReviewActionKind.Acknowledge && a.CheckId == checkId && a.Active)
            .ToListAsync(cancellationToken);
        foreach (var a in earlier)
        {
            a.Active = false;
        }
        var saved = new ReviewAction
        {
            DocumentId = documentId, Kind = ReviewActionKind.Acknowledge, CheckId = checkId, CheckMessage = Cap(check.Message, 2000),
            Reason = Cap(reason.Trim(), 2000), Who = who, At = DateTime.UtcNow,
        };
        db.ReviewActions.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        return ReviewOutcome<AcknowledgedCheckDto>.Ok(new AcknowledgedCheckDto(documentId, CheckState(check, [saved]), ToDto(saved)));
    }

    /// <summary>Whether the document may be signed off, what blocks it (Chinese, one line each) and the sign-off in force; null for an unknown document.</summary>
    public async Task<SignOffStateDto?> SignOffStateAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        var doc = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        return doc is null ? null : await StateAsync(doc, cancellationToken);
    }

    /// <summary>
    /// Signs the document off. Refused (409, <see cref="ReviewOutcome{T}.Blockers"/> listing why, in Chinese) while it is
    /// not extracted, has fields under review, or failed checks not acknowledged, and when it is signed off already.
    /// </summary>
    public async Task<ReviewOutcome<SignOffDto>> SignOffAsync(Guid documentId, string who, string? note = null, CancellationToken cancellationToken = default)
    {
        var doc = await db.Documents.SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (doc is null)
        {
            return ReviewOutcome<SignOffDto>.NotFound($"没有文档 {documentId}");
        }
        if (doc.SignedOffAt is not null)
        {
            return ReviewOutcome<SignOffDto>.Conflict($"文档已于 {doc.SignedOffAt:yyyy-MM-dd HH:mm:ss} UTC 由 {doc.SignedOffBy} 签发", []);
        }
        var state = await StateAsync(doc, cancellationToken);
        if (!state.CanSignOff)
        {
            return ReviewOutcome<SignOffDto>.Conflict("不能签发：" + string.Join("；", state.Blockers), state.Blockers);
        }
        var now = DateTime.UtcNow;
        doc.SignedOffAt = now;
        doc.SignedOffBy = who;
        doc.UpdatedAt = now;
        var saved = new ReviewAction { DocumentId = documentId, Kind = ReviewActionKind.SignOff, Reason = note?.Trim() ?? "", Who = who, At = now };
        db.ReviewActions.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        return ReviewOutcome<SignOffDto>.Ok(new SignOffDto(documentId, who, now, ToDto(saved)));
    }

    /// <summary>The audit trail of a document, oldest first: corrections, confirmations, acknowledgements, sign-offs and what the system dropped or reopened; null for an unknown document.</summary>
    public async Task<IReadOnlyList<AuditEntryDto>?> HistoryAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        if (!await db.Documents.AnyAsync(d => d.Id == documentId, cancellationToken))
        {
            return null;
        }
        var corrections = await db.Corrections.AsNoTracking().Where(c => c.DocumentId == documentId).ToListAsync(cancellationToken);
        var actions = await db.ReviewActions.AsNoTracking().Where(a => a.DocumentId == documentId).ToListAsync(cancellationToken);
        return corrections.Select(ToDto).Concat(actions.Select(ToDto))
            .OrderBy(e => e.At).ThenBy(e => e.Kind == "correction" ? 0 : 1).ThenBy(e => e.Id).ToList();
    }

    /// <summary>
    /// The review queue, worst first (fields in failed checks, then lowest confidence), filtered and paged. Each item
    /// carries its evidence JSON and <see cref="ReviewItemDto.EvidenceUrl"/>.
    /// </summary>
    public async Task<PageDto<ReviewItemDto>> QueueAsync(ReviewQueueQuery query, CancellationToken cancellationToken = default)
    {
        var (page, pageSize) = (Math.Max(1, query.Page), Math.Clamp(query.PageSize, 1, 500));
        var wanted = string.IsNullOrWhiteSpace(query.Status) ? FieldStatus.Review : query.Status;
        var q = from f in db.Fields.AsNoTracking()
                join d in db.Documents.AsNoTracking() on f.DocumentId equals d.Id
                where f.Status == wanted
                select new { f, d.FileName, d.Agency, d.Year, d.Format };
        if (query.DocumentId is { } docId)
        {
            q = q.Where(x => x.f.DocumentId == docId);
        }
        if (query.BatchId is { } batchId)
        {
            var inBatch = db.BatchEntries.Where(e => e.BatchId == batchId).Select(e => e.DocumentId);
            q = q.Where(x => inBatch.Contains(x.f.DocumentId));
        }
        if (!string.IsNullOrWhiteSpace(query.Check))
        {
            if (string.Equals(query.Check, "failed", StringComparison.OrdinalIgnoreCase))
            {
                q = q.Where(x => x.f.CheckFailed);
            }
            else
            {
                var check = query.Check.Trim();
                q = q.Where(x => x.f.FailedChecks.Contains(check));
            }
        }
        if (!string.IsNullOrWhiteSpace(query.Flag))
        {
            var flag = "," + query.Flag.Trim() + ",";
            q = q.Where(x => ("," + x.f.Flags + ",").Contains(flag));
        }
        if (query.MaxConfidence is { } max)
        {
            q = q.Where(x => x.f.Confidence <= max);
        }
        if (query.Year is { } year)
        {
            q = q.Where(x => x.Year == year);
        }
        if (!string.IsNullOrWhiteSpace(query.Agency))
        {
            q = q.Where(x => x.Agency != null && x.Agency.Contains(query.Agency));
        }
        var total = await q.CountAsync(cancellationToken);
        var rows = await q.OrderByDescending(x => x.f.CheckFailed).ThenBy(x => x.f.Confidence).ThenBy(x => x.f.DocumentId).ThenBy(x => x.f.Path)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var items = rows.Select(x => new ReviewItemDto(x.f.DocumentId, x.FileName, x.Agency, x.Year, x.f.Path, Label(x.f.Path), Numbers.Plain(x.f.Value),
            x.f.Confidence, x.f.Status, Split(x.f.Flags), Split(x.f.FailedChecks),
            x.f.EvidenceJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(x.f.EvidenceJson),
            $"/api/documents/{x.f.DocumentId}/fields/{Uri.EscapeDataString(x.f.Path)}/evidence", x.Format)).ToList();
        return new PageDto<ReviewItemDto>(items, page, pageSize, total);
    }

    /// <summary>The active acknowledgements of a document, by check id.</summary>
    internal static async Task<List<ReviewAction>> ActiveAcknowledgementsAsync(ExtractorDbContext db, Guid documentId, CancellationToken ct) =>
        await db.ReviewActions.AsNoTracking()
            .Where(a => a.DocumentId == documentId && a.Kind == ReviewActionKind.Acknowledge && a.Active)
            .ToListAsync(ct);

    /// <summary>A check with its acknowledgement: one for the same check id and the same message (same figures).</summary>
    internal static CheckStateDto CheckState(CheckResult c, IEnumerable<ReviewAction> acknowledgements)
    {
        var ack = c.Passed ? null : acknowledgements.Where(a => a.CheckId == c.Id && a.CheckMessage == Cap(c.Message, 2000)).MaxBy(a => a.Id);
        return new CheckStateDto(c.Id, c.Passed, c.Fields, c.Message, ack is not null, ack?.Who, ack?.At, ack?.Reason);
    }

    private async Task<SignOffStateDto> StateAsync(Document doc, CancellationToken ct)
    {
        var blockers = new List<string>();
        var reviewFields = new List<string>();
        var failed = new List<CheckStateDto>();
        if (doc.Status != DocumentStatus.Done || doc.ResultJson is null || ResultJson.Deserialize(doc.ResultJson) is not { } result)
        {
            blockers.Add($"文档尚未完成提取（状态 {doc.Status}）");
        }
        else
        {
            reviewFields.AddRange(result.Fields.Where(f => f.Value.Status == FieldStatus.Review).Select(f => f.Key));
            var acks = await ActiveAcknowledgementsAsync(db, doc.Id, ct);
            failed.AddRange(result.Checks.Concat(await crossYear.ForAsync(doc, ct)).Where(c => !c.Passed).Select(c => CheckState(c, acks)));
            if (reviewFields.Count > 0)
            {
                var shown = reviewFields.Take(10).Select(p => $"{Label(p)}（{p}）");
                blockers.Add($"仍有 {reviewFields.Count} 项待复核：{string.Join("、", shown)}{(reviewFields.Count > 10 ? " 等" : "")}");
            }
            foreach (var c in failed.Where(c => !c.Acknowledged))
            {
                blockers.Add($"校验失败未说明原因：{c.Id}（{c.Message}）");
            }
        }
        return new SignOffStateDto(doc.Id, doc.SignedOffAt is not null, doc.SignedOffBy, doc.SignedOffAt, blockers.Count == 0 && doc.SignedOffAt is null,
            reviewFields, failed, blockers);
    }

    private async Task<List<CheckResult>> AllChecksAsync(Document doc, CancellationToken ct)
    {
        var checks = new List<CheckResult>();
        if (doc.ResultJson is not null && ResultJson.Deserialize(doc.ResultJson) is { } result)
        {
            checks.AddRange(result.Checks);
        }
        checks.AddRange(await crossYear.ForAsync(doc, ct));
        return checks;
    }

    private Task<List<ReviewAction>> ActiveForPathAsync(Guid documentId, string path, CancellationToken ct) =>
        db.ReviewActions.Where(a => a.DocumentId == documentId && a.Path == path && a.Active
            && (a.Kind == ReviewActionKind.Confirm || a.Kind == ReviewActionKind.ConfirmationDropped)).ToListAsync(ct);

    internal static CorrectionDto ToCorrectionDto(Correction c) => new(c.Id, c.Path, Numbers.Plain(c.OldValue), Numbers.Plain(c.NewValue), c.Reason, c.Who, c.At);

    internal static AuditEntryDto ToDto(Correction c) =>
        new(c.Id, "correction", c.Path, null, Numbers.Plain(c.OldValue), Numbers.Plain(c.NewValue), c.Reason, c.Who, c.At, true);

    internal static AuditEntryDto ToDto(ReviewAction a) =>
        new(a.Id, a.Kind, a.Path, a.CheckId, null, Numbers.Plain(a.Value), a.Reason, a.Who, a.At, a.Active);

    internal static string Label(string path) => Template.Find(path) is { } f ? $"{f.RowLabel} {f.ColumnLabel}" : path;

    internal static IReadOnlyList<string> Split(string s) => s.Length == 0 ? [] : s.Split(',');

    private static string Cap(string s, int max) => s.Length <= max ? s : s[..max];
}
