using Microsoft.Playwright;

namespace Portal.EndToEnd;

/// <summary>Reads a QR code back from the pixels of the page, as a phone's camera would.</summary>
internal static class QrCodes
{
    /// <summary>Decodes the QR code an element shows with Debian's zbarimg (tests/prepare.sh installs it).</summary>
    public static async Task<string> ReadAsync(ILocator element)
    {
        var png = Path.Combine(Path.GetTempPath(), $"portal-qr-{Guid.NewGuid():N}.png");
        try
        {
            await element.ScreenshotAsync(new() { Path = png });
            var start = new System.Diagnostics.ProcessStartInfo("zbarimg") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--raw", "-q", png })
            {
                start.ArgumentList.Add(argument);
            }
            using var zbar = System.Diagnostics.Process.Start(start)!;
            var text = await zbar.StandardOutput.ReadToEndAsync();
            var errors = await zbar.StandardError.ReadToEndAsync();
            await zbar.WaitForExitAsync();
            Assert.True(zbar.ExitCode == 0, $"zbarimg found no QR code in the element's image (exit {zbar.ExitCode}): {errors}");
            return text.TrimEnd('\n');
        }
        finally
        {
            File.Delete(png);
        }
    }
}
