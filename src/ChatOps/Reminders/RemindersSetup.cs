using ChatOps.Hosting;
using ChatOps.Incidents;
using Quartz;

namespace ChatOps.Reminders;

/// <summary>Registers status-update reminders: the rules' services and the sweep on Quartz.</summary>
public static class RemindersSetup
{
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        // Options live in the Incidents section (Incidents:Reminders, Incidents:Escalation), bound with it.
        var interval = configuration.Read<IncidentsOptions>(IncidentsOptions.Section).Reminders.SweepInterval;
        services.AddSingleton<ReminderStore>();
        services.AddSingleton<ReminderSender>();
        services.AddSingleton<ReminderSweep>();
        services.AddTransient<ReminderSweepJob>();
        services.AddQuartz(q =>
        {
            q.AddJob<ReminderSweepJob>(j => j.WithIdentity(ReminderSweepJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(ReminderSweepJob.Key).WithIdentity(ReminderSweepJob.TriggerKey).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapReminders(this IEndpointRouteBuilder app) => app;
}
