"""Background jobs: long imports and exports run by a worker process, with progress any page can read.

The queue is django-tasks (Django 6.0's task framework, backported) with its database backend
(django-tasks-db): `qingdan worker` runs what is queued; `qingdan serve` starts it beside the web server.
Tests use the immediate backend (settings_test.TASKS), so a job has run when `start` returns.

The API (all in qingdan.jobs.runner):

    from qingdan.jobs import runner

    @runner.register("myapp.import_check")             # a kind, shown as the Job's kind
    def check_upload(job: Job, progress) -> dict:     # module level: the worker imports it by path
        progress(0, 0, _("Reading the file"))         # progress(done, total, stage), as often as you like
        ...
        raise runner.JobError(_("..."))               # fails the job with this (Chinese) message
        return {...}                                  # JSON-able: stored as job.result

    job = runner.start(kind="myapp.import_check", user=request.user, params={...})   # a Job row
    job = runner.current(job)     # on every read: latest progress; failed if its worker died

    runner.start_after_commit(kind="myapp.refresh", params={...})   # a system job (no user), queued when
                                  # the caller's transaction commits; one already waiting stands for it

- A job function reads everything it needs from `job.params` (JSON) and `job.created_by`; closures
  cannot cross into the worker process.
- Job rows (qingdan.jobs.models.Job: kind, status pending/running/done/failed, done/total/stage,
  params, result, error, created_by) are visible only to the person who started them (access rule
  "jobs.job"). The page /jobs/<id>/ and its polled partial show any job; set params["result_view"] to a
  URL name taking the job's pk to link its result.
- Any other exception fails the job with a generic Chinese message (the traceback goes to the log).
- A running job whose worker stops (killed, restarted) is marked failed by `runner.current` once its
  heartbeat is older than runner.STALE_SECONDS, or at once if the queue reports its task failed;
  `runner.reap()` does the same for every job when a worker starts.
"""
