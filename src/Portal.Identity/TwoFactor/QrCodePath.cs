using System.Text;
using QRCoder;

namespace Portal.Identity.TwoFactor;

/// <summary>
/// A QR code as one SVG path (QRCoder does the encoding, ISO/IEC 18004, error correction M): the page draws it inline,
/// so the key never leaves the server in an image request and no script or image endpoint is needed.
/// </summary>
public static class QrCodePath
{
    /// <summary>The side in modules, quiet zone included, and the path's data: one unit square per dark module.</summary>
    public static (int Size, string Path) For(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var path = new StringBuilder(matrix.Count * matrix.Count);
        for (var y = 0; y < matrix.Count; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < row.Length; x++)
            {
                if (!row[x])
                {
                    continue;
                }
                // Runs of dark modules in a row become one rectangle.
                var run = 1;
                while (x + run < row.Length && row[x + run])
                {
                    run++;
                }
                path.Append('M').Append(x).Append(' ').Append(y).Append('h').Append(run).Append("v1h-").Append(run).Append('z');
                x += run - 1;
            }
        }
        return (matrix.Count, path.ToString());
    }
}
