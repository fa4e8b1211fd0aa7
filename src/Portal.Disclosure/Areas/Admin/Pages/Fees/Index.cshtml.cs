using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Areas.Admin.Pages.Fees;

/// <summary>
/// The fee schedule is one public table rather than a set of articles, so a saved row is public at once, like the
/// recipe's rows; it has no draft state of its own.
/// </summary>
[Authorize(Policy = DisclosurePermissions.EditContent)]
public sealed partial class IndexModel(PortalDb db, TimeProvider clock, IStringLocalizer<IndexModel> l) : PageModel
{
    /// <summary>Order is text so that a wrong value is reported in the editor's words rather than by model binding.</summary>
    public sealed class Row
    {
        public int Id { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Standard { get; set; }
        public string? Unit { get; set; }
        public string? Basis { get; set; }
        public string? Department { get; set; }
        public string? Note { get; set; }
        public string? Order { get; set; }
    }

    [BindProperty]
    public List<Row> Rows { get; set; } = [];

    [BindProperty]
    public Row NewRow { get; set; } = new();

    /// <summary>The row waiting for a second, confirming submit before it is deleted.</summary>
    public FeeItem? ToDelete { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadRowsAsync();
        NewRow = new Row { Order = NextOrder().ToString(CultureInfo.InvariantCulture) };
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        for (var i = 0; i < Rows.Count; i++)
        {
            Check(Rows[i], $"Rows[{i}]", l["Row {0}", i + 1]);
        }
        if (!ModelState.IsValid)
        {
            NewRow = new Row { Order = NextOrder().ToString(CultureInfo.InvariantCulture) };
            return Unprocessable();
        }
        var fees = await db.Set<FeeItem>().ToListAsync();
        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var row in Rows)
        {
            if (fees.FirstOrDefault(f => f.Id == row.Id) is { } fee && Apply(fee, row))
            {
                fee.ModifiedUtc = now;
                changed++;
                Portal.Core.Content.ContentChangeLog.RecordChange(db, Public.FeeSource.Name, fee.Slug, now);
            }
        }
        await db.SaveChangesAsync();
        TempData["Message"] = l["Fee schedule saved ({0} rows changed).", changed].Value;
        return Redirect("/admin/fees");
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        ModelState.Clear();
        Check(NewRow, nameof(NewRow), l["New row"]);
        if (!ModelState.IsValid)
        {
            await LoadRowsAsync();
            return Unprocessable();
        }
        var now = clock.GetUtcNow();
        var fee = new FeeItem { Slug = await NewSlugAsync(NewRow.Code, now), State = PublicationState.Published, PublishedUtc = now, ModifiedUtc = now };
        Apply(fee, NewRow);
        db.Set<FeeItem>().Add(fee);
        Portal.Core.Content.ContentChangeLog.RecordChange(db, Public.FeeSource.Name, fee.Slug, now);
        await db.SaveChangesAsync();
        TempData["Message"] = l["Added “{0}” to the fee schedule.", fee.Name].Value;
        return Redirect("/admin/fees");
    }

    /// <summary>The first submit only asks; the row goes when <paramref name="confirmed"/> comes back true.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int deleteId, bool confirmed)
    {
        var fee = await db.Set<FeeItem>().FirstOrDefaultAsync(f => f.Id == deleteId);
        if (fee is null)
        {
            return NotFound();
        }
        if (!confirmed)
        {
            ModelState.Clear();
            ToDelete = fee;
            await LoadRowsAsync();
            NewRow = new Row { Order = NextOrder().ToString(CultureInfo.InvariantCulture) };
            return Page();
        }
        db.Remove(fee);
        Portal.Core.Content.ContentChangeLog.RecordChange(db, Public.FeeSource.Name, fee.Slug, clock.GetUtcNow());
        await db.SaveChangesAsync();
        TempData["Message"] = l["Deleted “{0}” from the fee schedule.", fee.Name].Value;
        return Redirect("/admin/fees");
    }

    private void Check(Row row, string prefix, string label)
    {
        if (string.IsNullOrWhiteSpace(row.Name))
        {
            ModelState.AddModelError($"{prefix}.Name", l["{0}: the name is required.", label]);
        }
        if (string.IsNullOrWhiteSpace(row.Standard))
        {
            ModelState.AddModelError($"{prefix}.Standard", l["{0}: the standard is required (write “free of charge” when nothing is charged).", label]);
        }
        foreach (var (field, column, value, max) in new[]
                 {
                     ("Code", "Code", row.Code, 32), ("Name", "Charge", row.Name, 200), ("Standard", "Standard", row.Standard, 500),
                     ("Unit", "Unit", row.Unit, 50), ("Basis", "Legal basis", row.Basis, 1000), ("Department", "Department", row.Department, 200),
                     ("Note", "Note", row.Note, 1000),
                 })
        {
            if ((value?.Trim().Length ?? 0) > max)
            {
                ModelState.AddModelError($"{prefix}.{field}", l["{0}: “{1}” holds at most {2} characters.", label, l[column], max]);
            }
        }
        if (ParseOrder(row.Order) is null)
        {
            ModelState.AddModelError($"{prefix}.Order", l["{0}: the order must be a whole number from 0 to 999.", label]);
        }
    }

    /// <summary>Copies a checked row onto the fee; says whether anything changed.</summary>
    private static bool Apply(FeeItem fee, Row row)
    {
        var before = (fee.Code, fee.Name, fee.Standard, fee.Unit, fee.Basis, fee.Department, fee.Note, fee.Order);
        fee.Code = row.Code?.Trim() ?? "";
        fee.Name = row.Name!.Trim();
        fee.Standard = row.Standard!.Trim();
        fee.Unit = row.Unit?.Trim() ?? "";
        fee.Basis = row.Basis?.Trim() ?? "";
        fee.Department = row.Department?.Trim() ?? "";
        fee.Note = row.Note?.Trim() ?? "";
        fee.Order = ParseOrder(row.Order)!.Value;
        return before != (fee.Code, fee.Name, fee.Standard, fee.Unit, fee.Basis, fee.Department, fee.Note, fee.Order);
    }

    private static int? ParseOrder(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 999 ? n : null;

    /// <summary>The code makes a readable address name ("SF-08" → "sf-08") when it can; otherwise a time-based one.</summary>
    private async Task<string> NewSlugAsync(string? code, DateTimeOffset now)
    {
        var fromCode = code?.Trim().ToLowerInvariant() ?? "";
        if (SlugPattern().IsMatch(fromCode) && !await db.Set<FeeItem>().AnyAsync(f => f.Slug == fromCode))
        {
            return fromCode;
        }
        return $"fee-{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
    }

    private async Task LoadRowsAsync() =>
        Rows = (await db.Set<FeeItem>().AsNoTracking().OrderBy(f => f.Order).ThenBy(f => f.Id).ToListAsync())
            .Select(f => new Row
            {
                Id = f.Id, Code = f.Code, Name = f.Name, Standard = f.Standard, Unit = f.Unit, Basis = f.Basis,
                Department = f.Department, Note = f.Note, Order = f.Order.ToString(CultureInfo.InvariantCulture),
            })
            .ToList();

    private int NextOrder() =>
        Math.Min(999, Rows.Select(r => ParseOrder(r.Order) ?? 0).DefaultIfEmpty(0).Max() + 1);

    private PageResult Unprocessable()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
