using Portal.Hearings.Model;
using Portal.Hearings.Public;

namespace Portal.Tests.Unit;

public sealed class HearingRulesTests
{
    [Fact]
    public void Lottery_SameSeedAndEntries_GiveTheSameResult_InAnyOrder()
    {
        var entries = Enumerable.Range(0, 40).Select(i => new Lottery.Entry($"TZ-{i:0000}-AAAA", i % 3 == 0 ? "experts" : "residents")).ToList();
        var quotas = new List<CategoryQuota> { new("experts", "专家", 4) };
        var seed = Lottery.Seed("公开摇号");
        var a = Lottery.Draw(seed, entries, 12, quotas);
        var b = Lottery.Draw(seed, Enumerable.Reverse(entries), 12, quotas);
        Assert.Equal(a.OrderBy(o => o.Code), b.OrderBy(o => o.Code));
        Assert.Equal(12, a.Count(o => o.Selected));
        Assert.True(a.Count(o => o.Selected && o.Code.CompareTo("") > 0 && entries.Single(e => e.Code == o.Code).Category == "experts") >= 4);
        Assert.NotEqual(a.Where(o => o.Selected).Select(o => o.Code).Order(), Lottery.Draw(Lottery.Seed("另一个种子"), entries, 12, quotas).Where(o => o.Selected).Select(o => o.Code).Order());
    }

    [Fact]
    public void Lottery_Seed_IsTheSha256OfThePhrase()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Lottery.Seed("abc"));
    }
}
