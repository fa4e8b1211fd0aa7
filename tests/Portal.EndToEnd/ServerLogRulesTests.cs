namespace Portal.EndToEnd;

/// <summary>The rules by which <see cref="PortalServer"/> fails a test on the server's output (no server needed).</summary>
public sealed class ServerLogRulesTests
{
    [Fact]
    public void ServerLog_InformationOnly_IsClean() =>
        Assert.Empty(PortalServer.FindProblems(
        [
            "info: Microsoft.Hosting.Lifetime[14]",
            "      Now listening on: http://127.0.0.1:5000",
            "  Portal administrator created",
        ]));

    [Fact]
    public void ServerLog_DataProtectionNoXmlEncryptorWarning_IsAllowed() =>
        Assert.Empty(PortalServer.FindProblems(
        [
            "warn: Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager[35]",
            "      No XML encryptor configured. Key {439fdc53-4e68-4152-b3e9-1a983c45f79a} may be persisted to storage in unencrypted form.",
        ]));

    [Theory]
    [InlineData("warn: Microsoft.EntityFrameworkCore.Query[20504]", "      Compiling a query which loads related collections…")]
    [InlineData("fail: Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware[1]", "      An unhandled exception has occurred while executing the request.")]
    [InlineData("crit: Microsoft.AspNetCore.Hosting.Diagnostics[6]", "      Application startup exception")]
    [InlineData("[stderr] Unhandled exception. System.InvalidOperationException: boom", "[stderr]    at Program.<Main>$(String[] args)")]
    public void ServerLog_WarningErrorOrUnhandledException_IsAProblem(string header, string message)
    {
        var problems = PortalServer.FindProblems(["info: Start[0]", "      ok", header, message, "info: Next[0]"]);

        var problem = Assert.Single(problems);
        Assert.StartsWith(header, problem, StringComparison.Ordinal);
        Assert.Contains(message.Trim(), problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Next", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerLog_OnlyLinesAfterTheLastCheck_AreExamined() =>
        Assert.Empty(PortalServer.FindProblems(["fail: Old[1]", "      already reported", "info: New[0]"], from: 2));
}
