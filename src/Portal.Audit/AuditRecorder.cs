using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Audit.Model;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Audit;

/// <summary>
/// Watches every <c>SaveChanges</c> of <see cref="PortalDb"/> and adds one audit entry per created, changed or
/// deleted row to the same save, so the record commits or rolls back with the change. New modules are covered
/// without doing anything; bookkeeping types opt out with <see cref="NotAuditedAttribute"/>.
/// Values are recorded only where they cannot be private: text is named, never copied (an email, a comment's
/// body, a password hash), except public titles, slugs and receipt numbers.
/// </summary>
internal sealed class AuditRecorder(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor, IAuditTrail
{
    private static readonly string[] KeyProperties = ["Slug", "ReceiptNumber", "Code", "UserName", "Key", "Number"];
    private static readonly HashSet<string> PublicText = ["Title", "Slug", "ReceiptNumber", "Status", "State", "UserName", "NormalizedName"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void Record(PortalDb db, string action, string entityType, string entityKey, string summary, string? actor = null) =>
        db.Add(NewEntry(action, entityType, entityKey, summary, actor));

    private void Collect(DbContext? context)
    {
        if (context is not PortalDb db)
        {
            return;
        }
        // One scan of the tracked entities (long units of work were quadratic with more).
        db.ChangeTracker.DetectChanges();
        var entries = db.ChangeTracker.Changed().Where(e => IsAudited(e.Metadata.ClrType)).ToList();
        foreach (var entry in entries)
        {
            var summary = Summarize(entry);
            if (summary is null)
            {
                continue;
            }
            var action = entry.State switch { EntityState.Added => "create", EntityState.Deleted => "delete", _ => "update" };
            db.Add(NewEntry(action, entry.Metadata.ClrType.Name, KeyOf(entry), summary, null));
        }
    }

    private AuditEntry NewEntry(string action, string entityType, string entityKey, string summary, string? actor)
    {
        var request = http.HttpContext;
        var user = request?.User.Identity;
        return new AuditEntry
        {
            OccurredUtc = clock.GetUtcNow(),
            Actor = Clip(actor ?? (user?.IsAuthenticated == true ? user.Name ?? "staff" : request is null ? "system" : "public"), 100),
            Action = Clip(action, 40),
            EntityType = Clip(entityType, 100),
            EntityKey = Clip(entityKey, 200),
            Summary = Clip(summary, 2000),
            Context = request is null ? "" : Clip($"{request.Request.Method} {request.Request.Path}", 300),
        };
    }

    private static readonly Dictionary<Type, bool> Audited = [];

    private static bool IsAudited(Type type)
    {
        lock (Audited)
        {
            if (!Audited.TryGetValue(type, out var audited))
            {
                audited = type.GetCustomAttribute<NotAuditedAttribute>() is null && type != typeof(DataProtectionKey)
                    && !(type.IsGenericType && type.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true
                         && type.Name.StartsWith("IdentityUserToken", StringComparison.Ordinal));
                Audited[type] = audited;
            }
            return audited;
        }
    }

    private static string KeyOf(EntityEntry entry)
    {
        foreach (var name in KeyProperties)
        {
            if (entry.Metadata.FindProperty(name) is { } p && entry.Property(p.Name).CurrentValue is { } value && value.ToString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return "";
        }
        var parts = key.Properties.Select(p => entry.Property(p.Name)).ToList();
        return parts.Any(p => p.IsTemporary) ? "(new)" : string.Join("/", parts.Select(p => Format(p.CurrentValue)));
    }

    /// <summary>What changed, or null when nothing a person would call a change happened (only bookkeeping columns).</summary>
    private static string? Summarize(EntityEntry entry)
    {
        var text = new StringBuilder();
        if (entry.State == EntityState.Modified)
        {
            foreach (var p in entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
            {
                Append(text, p.Metadata.Name, p.Metadata.ClrType, p.OriginalValue, p.CurrentValue, changed: true);
            }
            return text.Length == 0 ? null : text.ToString();
        }
        foreach (var p in entry.Properties.Where(p => !p.Metadata.IsShadowProperty() && !p.IsTemporary))
        {
            if (p.CurrentValue is null || (p.CurrentValue is string s && s.Length == 0))
            {
                continue;
            }
            Append(text, p.Metadata.Name, p.Metadata.ClrType, null, p.CurrentValue, changed: false);
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, Type type, object? before, object? after, bool changed)
    {
        if (text.Length > 0)
        {
            text.Append("; ");
        }
        text.Append(name);
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var showValue = PublicText.Contains(name) || underlying.IsEnum || underlying.IsPrimitive || underlying == typeof(decimal)
            || underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime) || underlying == typeof(DateOnly);
        if (!showValue)
        {
            text.Append(changed ? " changed" : " set");
            return;
        }
        text.Append(changed ? $": {Format(before)} → {Format(after)}" : $"={Format(after)}");
    }

    private static string Format(object? value) => value switch
    {
        null => "∅",
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => s.Length > 120 ? s[..120] + "…" : s,
        _ => value.ToString() ?? "",
    };

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
