// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit.Sdk;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>
/// Runs the real openssl command line, so that tests read what a real tool writes rather than what our own
/// code would produce.
/// </summary>
internal static class OpenSsl
{
    /// <summary>How long one command may take; key generation and signing take milliseconds.</summary>
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs openssl with <paramref name="args"/>, each passed as one argument (no shell, no quoting), and standard
    /// input closed so that a prompt cannot hang the test. Give file paths in full, or use -out.
    /// </summary>
    /// <returns>What openssl wrote to standard output.</returns>
    /// <exception cref="XunitException">openssl is missing, fails or times out; the message holds its stderr.</exception>
    public static string Run(params string[] args) => RunCapturing(args).Output;

    /// <summary>As <see cref="Run"/>, and also what openssl wrote to standard error (pkcs12 -info prints the algorithms there).</summary>
    public static (string Output, string Errors) RunCapturing(params string[] args)
    {
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        string command = "openssl " + string.Join(" ", args);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new XunitException(command + ": the process did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new XunitException(command + ": openssl is not installed or not on PATH (" + ex.Message + ").");
        }

        using (process)
        {
            process.StandardInput.Close();
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)s_timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new XunitException(command + ": timed out after " + s_timeout.TotalSeconds + " s.\n" + stderr.Result);
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new XunitException(command + ": exit code " + process.ExitCode + ".\n" + stderr.Result);
            }

            return (stdout.Result, stderr.Result);
        }
    }
}
