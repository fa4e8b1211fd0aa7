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

    [Fact]
    public void Qr_ReedSolomon_MatchesTheKnownVector()
    {
        // "HELLO WORLD" at 1-M (ISO/IEC 18004 worked example, as in Thonky's QR tutorial).
        byte[] data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
        Assert.Equal([196, 35, 39, 119, 235, 215, 231, 226, 93, 23], QrCode.ReedSolomonRemainder(data, QrCode.ReedSolomonDivisor(10)));
    }

    [Fact]
    public void Qr_FormatAndVersionBits_MatchTheStandardTables()
    {
        Assert.Equal(0b101010000010010, QrCode.FormatBits(0));
        Assert.Equal(0b101000100100101, QrCode.FormatBits(1));
        Assert.Equal(0b100101010100000, QrCode.FormatBits(7));
        Assert.Equal(0b000111110010010100, QrCode.VersionBits(7));
    }

    [Theory]
    [InlineData("TZ-7K3M-Q9PA", 1)]
    [InlineData("https://portal.example.cn/hearings/market-parking-fee-hearing/registrations/TZ-7K3M-Q9PA", 6)]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", 8)]
    public void Qr_EncodesByteModeAtLevelM_AndTheCodewordsReadBack(string text, int version)
    {
        var qr = QrCode.Encode(text);
        Assert.Equal(version, qr.Version);
        Assert.Equal(version * 4 + 17, qr.Size);
        var expected = QrCode.AddEccAndInterleave(version, QrCode.DataBytes(version, System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(expected, qr.ReadCodewords()[..expected.Length]);
        // Finder pattern corners and the dark module.
        Assert.True(qr[0, 0] && qr[6, 6] && qr[qr.Size - 1, 0] && qr[0, qr.Size - 1] && qr[8, qr.Size - 8]);
        Assert.False(qr[7, 7]);
    }

    [Fact]
    public void Qr_DataBytes_FollowByteModeLayout()
    {
        var bytes = QrCode.DataBytes(1, "AB"u8.ToArray());
        Assert.Equal(16, bytes.Length);
        // 0100 | 00000010 | 01000001 | 01000010 | 0000 then pad bytes EC 11 …
        Assert.Equal([0x40, 0x24, 0x14, 0x20, 0xEC, 0x11, 0xEC], bytes[..7]);
    }
}
