using System.Globalization;
using System.Net;
using System.Text;
using QRCoder;

namespace Portal.Core.Text;

/// <summary>
/// QR codes drawn as one inline SVG path (QRCoder does the encoding, ISO/IEC 18004, error correction level M, with
/// the four-module quiet zone): a page carries its code in its own markup, so no image endpoint or script is needed and
/// a secret in the code (an authenticator key) never travels in an image request. Used for hearing registration codes
/// and the authenticator enrollment link.
/// </summary>
public static class QrCodeSvg
{
    /// <summary>The side in modules (quiet zone included) and the path data: one rectangle per run of dark modules in a row.</summary>
    public static (int Size, string Path) Modules(string text)
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
                var run = 1;
                while (x + run < row.Length && row[x + run])
                {
                    run++;
                }
                path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run - 1;
            }
        }
        return (matrix.Count, path.ToString());
    }

    /// <summary>The whole image, black on white whatever the page's styles, sized by CSS (class <c>qr</c>).</summary>
    public static string ToSvg(string text, string label)
    {
        var (size, path) = Modules(text);
        return $"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\" shape-rendering=\"crispEdges\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>";
    }
}
