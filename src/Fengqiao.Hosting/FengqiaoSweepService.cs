using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fengqiao.Hosting;

// Runs the sweeper every SweepInterval on the host's TimeProvider; a failed sweep is logged and the next one still runs.
internal sealed class FengqiaoSweepService(FengqiaoSweeper sweeper, IOptions<FengqiaoOptions> options, TimeProvider time, ILogger<FengqiaoSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunSweep)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A sweep failure must not stop the host; it is logged and retried next tick.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.SweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
