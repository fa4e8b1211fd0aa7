using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Consultations.Model;

/// <summary>
/// Receipt numbers <c>YJ-{year}-{n:000000}</c>. The counter row is incremented with UPDATE … RETURNING inside the
/// comment's transaction, so parallel submissions (and several web nodes on one database) never share a number.
/// </summary>
internal static class Receipts
{
    public static async Task<string> NextAsync(PortalDb db, int year, CancellationToken cancellationToken)
    {
        var values = await IncrementAsync(db, year, cancellationToken);
        if (values.Count == 0)
        {
            // The year's first receipt (on any node): create its counter row, then count.
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "ReceiptCounters" ("Year", "Value") VALUES ({year}, 0) ON CONFLICT DO NOTHING""", cancellationToken);
            values = await IncrementAsync(db, year, cancellationToken);
        }
        return $"YJ-{year}-{values.Single():000000}";
    }

    private static Task<List<int>> IncrementAsync(PortalDb db, int year, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""UPDATE "ReceiptCounters" SET "Value" = "Value" + 1 WHERE "Year" = {year} RETURNING "Value" """)
            .ToListAsync(cancellationToken);
}
