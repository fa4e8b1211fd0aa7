using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Portal.Tests.Support;

/// <summary>
/// A real SMTP server process on 127.0.0.1 (Debian's python3-aiosmtpd, <c>tests/smtp/maildir_server.py</c>) that
/// writes every accepted message to a Maildir. It can be stopped and started again on the same port.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private Process? process;

    private SmtpTestServer(int port, string maildir)
    {
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>A server on a free port; not listening until <see cref="StartAsync"/> when <paramref name="start"/> is false.</summary>
    public static async Task<SmtpTestServer> CreateAsync(bool start = true)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new SmtpTestServer(port, TempDirectory.Create("portal-maildir"));
        if (start)
        {
            await server.StartAsync();
        }
        return server;
    }

    public async Task StartAsync()
    {
        var script = Path.Combine(Integration.RecipeTests.FindRepository(), "tests", "smtp", "maildir_server.py");
        var info = new ProcessStartInfo("/usr/bin/python3", [script, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != "ready")
        {
            throw new InvalidOperationException("The SMTP test server did not start (is python3-aiosmtpd installed? run tests/prepare.sh): "
                + await process.StandardError.ReadToEndAsync());
        }
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false } p)
        {
            p.Kill();
            await p.WaitForExitAsync();
        }
        process?.Dispose();
        process = null;
    }

    public IReadOnlyList<string> Files() => Directory.Exists(Path.Combine(Maildir, "new"))
        ? Directory.GetFiles(Path.Combine(Maildir, "new"), "*.eml")
        : [];

    public IReadOnlyList<MimeMessage> Messages() => Files().Select(f => MimeMessage.Load(f)).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages matching <paramref name="filter"/> arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, Func<MimeMessage, bool>? filter = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = Messages().Where(filter ?? (_ => true)).ToList();
            if (messages.Count >= count)
            {
                return messages;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} messages, got {messages.Count}: "
                    + string.Join(", ", Messages().Select(m => m.Headers["X-Portal-Template"] + "→" + m.To)));
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Maildir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
