using Portal.Core;

namespace Portal.Tests.Unit;

public sealed class FirstRequestGateTests
{
    [Fact]
    public async Task OpenedEarlyByASearch_TheFirstAnsweredRequestIsStillReportedOnce()
    {
        var gate = new FirstRequestGate();
        Assert.False(gate.IsOpen);
        gate.Open();
        Assert.True(gate.IsOpen);
        await gate.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
        Assert.True(gate.Answered());
        Assert.False(gate.Answered());
    }
}
