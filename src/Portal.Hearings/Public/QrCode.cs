using System.Globalization;
using System.Net;
using System.Text;

namespace Portal.Hearings.Public;

/// <summary>
/// A small QR code encoder (ISO/IEC 18004): byte mode, error correction level M, versions 1–10 (up to 213 bytes),
/// the mask with the lowest penalty, rendered as SVG. No QR package is served here, and a registration code needs
/// only version 1; the shape follows Project Nayuki's reference encoder.
/// </summary>
public sealed class QrCode
{
    // Per version (index 1..10) at level M: EC codewords per block, blocks in group 1 with their data codewords, blocks in group 2.
    private static readonly (int Ec, int Blocks1, int Data1, int Blocks2)[] LevelM =
    [
        default, (10, 1, 16, 0), (16, 1, 28, 0), (26, 1, 44, 0), (18, 2, 32, 0), (24, 2, 43, 0),
        (16, 4, 27, 0), (18, 4, 31, 0), (22, 2, 38, 2), (22, 3, 36, 2), (26, 4, 43, 1),
    ];

    private static readonly int[][] Alignment =
    [
        [], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ];

    private readonly bool[,] modules;
    private readonly bool[,] function;

    private QrCode(int version)
    {
        Version = version;
        Size = version * 4 + 17;
        modules = new bool[Size, Size];
        function = new bool[Size, Size];
    }

    public int Version { get; }

    public int Size { get; }

    public int Mask { get; private set; }

    /// <summary>Whether the module at column <paramref name="x"/>, row <paramref name="y"/> is dark.</summary>
    public bool this[int x, int y] => modules[y, x];

    public static QrCode Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    public static QrCode Encode(byte[] data)
    {
        var version = 1;
        while (version <= 10 && DataCodewords(version) * 8 < 4 + (version < 10 ? 8 : 16) + data.Length * 8)
        {
            version++;
        }
        if (version > 10)
        {
            throw new ArgumentException("The text is too long for a version 10 QR code.", nameof(data));
        }
        var qr = new QrCode(version);
        qr.DrawFunctionPatterns();
        qr.DrawCodewords(AddEccAndInterleave(version, DataBytes(version, data)));
        var best = 0;
        var minPenalty = int.MaxValue;
        for (var mask = 0; mask < 8; mask++)
        {
            qr.ApplyMask(mask);
            qr.DrawFormatBits(mask);
            var penalty = qr.Penalty();
            if (penalty < minPenalty)
            {
                best = mask;
                minPenalty = penalty;
            }
            qr.ApplyMask(mask);
        }
        qr.Mask = best;
        qr.ApplyMask(best);
        qr.DrawFormatBits(best);
        return qr;
    }

    /// <summary>The code as an SVG image with a four-module quiet zone, one path, scaled by CSS.</summary>
    public static string ToSvg(string text, string label)
    {
        var qr = Encode(text);
        var path = new StringBuilder();
        for (var y = 0; y < qr.Size; y++)
        {
            for (var x = 0; x < qr.Size; x++)
            {
                if (qr[x, y])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x + 4},{y + 4}h1v1h-1z");
                }
            }
        }
        var size = qr.Size + 8;
        return $"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\" shape-rendering=\"crispEdges\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>";
    }

    internal static int DataCodewords(int version)
    {
        var (_, blocks1, data1, blocks2) = LevelM[version];
        return blocks1 * data1 + blocks2 * (data1 + 1);
    }

    internal static byte[] DataBytes(int version, byte[] data)
    {
        var capacity = DataCodewords(version) * 8;
        var bits = new List<bool>();
        void Append(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                bits.Add(((value >> i) & 1) != 0);
            }
        }
        Append(0b0100, 4);
        Append(data.Length, version < 10 ? 8 : 16);
        foreach (var b in data)
        {
            Append(b, 8);
        }
        Append(0, Math.Min(4, capacity - bits.Count));
        Append(0, (8 - bits.Count % 8) % 8);
        for (var pad = 0xEC; bits.Count < capacity; pad ^= 0xEC ^ 0x11)
        {
            Append(pad, 8);
        }
        var result = new byte[bits.Count / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            result[i >> 3] |= (byte)((bits[i] ? 1 : 0) << (7 - (i & 7)));
        }
        return result;
    }

    internal static byte[] AddEccAndInterleave(int version, byte[] data)
    {
        var (ec, blocks1, data1, blocks2) = LevelM[version];
        var numBlocks = blocks1 + blocks2;
        var shortBlockLen = data1 + ec;
        var divisor = ReedSolomonDivisor(ec);
        var blocks = new List<byte[]>();
        for (int i = 0, k = 0; i < numBlocks; i++)
        {
            var length = data1 + (i < blocks1 ? 0 : 1);
            var dat = data[k..(k + length)];
            k += length;
            var block = new byte[shortBlockLen + 1];
            dat.CopyTo(block, 0);
            ReedSolomonRemainder(dat, divisor).CopyTo(block, shortBlockLen + 1 - ec);
            blocks.Add(block);
        }
        var result = new List<byte>();
        for (var i = 0; i < shortBlockLen + 1; i++)
        {
            for (var j = 0; j < numBlocks; j++)
            {
                // The short blocks have no byte at the position of the long blocks' extra data codeword.
                if (i != data1 || j >= blocks1)
                {
                    result.Add(blocks[j][i]);
                }
            }
        }
        return [.. result];
    }

    internal static byte[] ReedSolomonDivisor(int degree)
    {
        var result = new byte[degree];
        result[degree - 1] = 1;
        var root = 1;
        for (var i = 0; i < degree; i++)
        {
            for (var j = 0; j < degree; j++)
            {
                result[j] = Multiply(result[j], root);
                if (j + 1 < degree)
                {
                    result[j] ^= result[j + 1];
                }
            }
            root = Multiply(root, 0x02);
        }
        return result;
    }

    internal static byte[] ReedSolomonRemainder(byte[] data, byte[] divisor)
    {
        var result = new byte[divisor.Length];
        foreach (var b in data)
        {
            var factor = b ^ result[0];
            Array.Copy(result, 1, result, 0, result.Length - 1);
            result[^1] = 0;
            for (var i = 0; i < result.Length; i++)
            {
                result[i] ^= Multiply(divisor[i], factor);
            }
        }
        return result;
    }

    private static byte Multiply(int x, int y)
    {
        var z = 0;
        for (var i = 7; i >= 0; i--)
        {
            z = (z << 1) ^ ((z >> 7) * 0x11D);
            z ^= ((y >> i) & 1) * x;
        }
        return (byte)z;
    }

    /// <summary>The 15 format bits for level M and <paramref name="mask"/>, BCH-coded and masked.</summary>
    internal static int FormatBits(int mask)
    {
        var data = (0b00 << 3) | mask;
        var rem = data;
        for (var i = 0; i < 10; i++)
        {
            rem = (rem << 1) ^ ((rem >> 9) * 0x537);
        }
        return ((data << 10) | rem) ^ 0x5412;
    }

    internal static int VersionBits(int version)
    {
        var rem = version;
        for (var i = 0; i < 12; i++)
        {
            rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
        }
        return (version << 12) | rem;
    }

    private void Set(int x, int y, bool dark)
    {
        modules[y, x] = dark;
        function[y, x] = true;
    }

    private void DrawFunctionPatterns()
    {
        for (var i = 0; i < Size; i++)
        {
            Set(6, i, i % 2 == 0);
            Set(i, 6, i % 2 == 0);
        }
        DrawFinder(3, 3);
        DrawFinder(Size - 4, 3);
        DrawFinder(3, Size - 4);
        var positions = Alignment[Version];
        for (var i = 0; i < positions.Length; i++)
        {
            for (var j = 0; j < positions.Length; j++)
            {
                if (!(i == 0 && j == 0) && !(i == 0 && j == positions.Length - 1) && !(i == positions.Length - 1 && j == 0))
                {
                    for (var dy = -2; dy <= 2; dy++)
                    {
                        for (var dx = -2; dx <= 2; dx++)
                        {
                            Set(positions[i] + dx, positions[j] + dy, Math.Max(Math.Abs(dx), Math.Abs(dy)) != 1);
                        }
                    }
                }
            }
        }
        DrawFormatBits(0);
        if (Version >= 7)
        {
            var bits = VersionBits(Version);
            for (var i = 0; i < 18; i++)
            {
                var bit = ((bits >> i) & 1) != 0;
                var a = Size - 11 + i % 3;
                var b = i / 3;
                Set(a, b, bit);
                Set(b, a, bit);
            }
        }
    }

    private void DrawFinder(int x, int y)
    {
        for (var dy = -4; dy <= 4; dy++)
        {
            for (var dx = -4; dx <= 4; dx++)
            {
                var dist = Math.Max(Math.Abs(dx), Math.Abs(dy));
                int xx = x + dx, yy = y + dy;
                if (xx >= 0 && xx < Size && yy >= 0 && yy < Size)
                {
                    Set(xx, yy, dist != 2 && dist != 4);
                }
            }
        }
    }

    private void DrawFormatBits(int mask)
    {
        var bits = FormatBits(mask);
        bool Bit(int i) => ((bits >> i) & 1) != 0;
        for (var i = 0; i <= 5; i++)
        {
            Set(8, i, Bit(i));
        }
        Set(8, 7, Bit(6));
        Set(8, 8, Bit(7));
        Set(7, 8, Bit(8));
        for (var i = 9; i < 15; i++)
        {
            Set(14 - i, 8, Bit(i));
        }
        for (var i = 0; i < 8; i++)
        {
            Set(Size - 1 - i, 8, Bit(i));
        }
        for (var i = 8; i < 15; i++)
        {
            Set(8, Size - 15 + i, Bit(i));
        }
        Set(8, Size - 8, true);
    }

    private void DrawCodewords(byte[] data)
    {
        var i = 0;
        for (var right = Size - 1; right >= 1; right -= 2)
        {
            if (right == 6)
            {
                right = 5;
            }
            for (var vert = 0; vert < Size; vert++)
            {
                for (var j = 0; j < 2; j++)
                {
                    var x = right - j;
                    var upward = ((right + 1) & 2) == 0;
                    var y = upward ? Size - 1 - vert : vert;
                    if (!function[y, x] && i < data.Length * 8)
                    {
                        modules[y, x] = ((data[i >> 3] >> (7 - (i & 7))) & 1) != 0;
                        i++;
                    }
                }
            }
        }
    }

    /// <summary>Reads the codewords back in placement order after undoing the mask (used by tests to check the layout).</summary>
    internal byte[] ReadCodewords()
    {
        var bits = new List<bool>();
        for (var right = Size - 1; right >= 1; right -= 2)
        {
            if (right == 6)
            {
                right = 5;
            }
            for (var vert = 0; vert < Size; vert++)
            {
                for (var j = 0; j < 2; j++)
                {
                    var x = right - j;
                    var y = ((right + 1) & 2) == 0 ? Size - 1 - vert : vert;
                    if (!function[y, x])
                    {
                        bits.Add(modules[y, x] ^ MaskBit(Mask, x, y));
                    }
                }
            }
        }
        var result = new byte[bits.Count / 8];
        for (var i = 0; i < result.Length * 8; i++)
        {
            result[i >> 3] |= (byte)((bits[i] ? 1 : 0) << (7 - (i & 7)));
        }
        return result;
    }

    private static bool MaskBit(int mask, int x, int y) => mask switch
    {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => (x / 3 + y / 2) % 2 == 0,
        5 => x * y % 2 + x * y % 3 == 0,
        6 => (x * y % 2 + x * y % 3) % 2 == 0,
        _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
    };

    private void ApplyMask(int mask)
    {
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                modules[y, x] ^= MaskBit(mask, x, y) && !function[y, x];
            }
        }
    }

    private int Penalty()
    {
        var result = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var a = 0; a < Size; a++)
            {
                var runColor = false;
                var run = 0;
                var history = new int[7];
                for (var b = 0; b < Size; b++)
                {
                    var dark = pass == 0 ? modules[a, b] : modules[b, a];
                    if (dark == runColor)
                    {
                        run++;
                        result += run == 5 ? 3 : run > 5 ? 1 : 0;
                    }
                    else
                    {
                        AddHistory(run, history);
                        if (!runColor)
                        {
                            result += CountFinderLike(history) * 40;
                        }
                        runColor = dark;
                        run = 1;
                    }
                }
                if (runColor)
                {
                    AddHistory(run, history);
                    run = 0;
                }
                AddHistory(run + Size, history);
                result += CountFinderLike(history) * 40;
            }
        }
        var darkCount = 0;
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                darkCount += modules[y, x] ? 1 : 0;
                if (y < Size - 1 && x < Size - 1 && modules[y, x] == modules[y, x + 1] && modules[y, x] == modules[y + 1, x] && modules[y, x] == modules[y + 1, x + 1])
                {
                    result += 3;
                }
            }
        }
        var total = Size * Size;
        var k = (Math.Abs(darkCount * 20 - total * 10) + total - 1) / total - 1;
        return result + k * 10;
    }

    private void AddHistory(int run, int[] history)
    {
        if (history[0] == 0)
        {
            run += Size;
        }
        Array.Copy(history, 0, history, 1, history.Length - 1);
        history[0] = run;
    }

    private static int CountFinderLike(int[] h)
    {
        var n = h[1];
        var core = n > 0 && h[2] == n && h[3] == n * 3 && h[4] == n && h[5] == n;
        return (core && h[0] >= n * 4 && h[6] >= n ? 1 : 0) + (core && h[6] >= n * 4 && h[0] >= n ? 1 : 0);
    }
}
