"""No silent deletions (`register check-changes`): published offers are withdrawn, not removed.

`register validate` sees one state of the register; only a comparison with the pull
request's base shows that an offer went missing. Each test makes a git repository of
the sample register (branch `main`, the base) and a pull request branch `pr`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

import pytest

from tests.support.gitrepo import GitRepo
from tests.support.registers import CliRun, RegisterDir, line_of, replace

Cli = Callable[..., CliRun]

OFFER = "offers/labturis-sul/sustainable-small-accommodation.yaml"
OTHER_OFFER = "offers/labturis-sul/ria-formosa-nature-tourism-study-visit.yaml"
FOREIGN_OFFER = "offers/jarvimaa-uas/circular-product-design.yaml"
WITHDRAWN_OFFER = "offers/levante-logistica/forklift-safe-operation.yaml"
ANNOTATION = re.compile(r"^::error file=[^,:]+,line=\d+,col=\d+,title=[^:]+::\S.*$")
FIX = "set `status: withdrawn` and add `withdrawal: {date, reason}` instead of deleting the file"


@pytest.fixture
def repo(sample_copy: RegisterDir) -> GitRepo:
    """The sample register committed on `main`, on the pull request branch `pr`."""
    return GitRepo.around(sample_copy.root)


def check(cli: Cli, repo: GitRepo, *extra: str) -> CliRun:
    """Run `register check-changes` on the pull request against `main`."""
    return cli("check-changes", "--root", repo.top, "--base", "main", *extra)


def codes(run: CliRun) -> list[str]:
    """The problem codes of a text report, in order."""
    return re.findall(r"\[([a-z-]+)\]$", run.out, flags=re.MULTILINE)


def edit(repo: GitRepo, path: str, old: str, new: str) -> str:
    file = repo.top / path
    text = replace(file.read_text(encoding="utf-8"), old, new)
    file.write_text(text, encoding="utf-8")
    return text


def withdraw(repo: GitRepo, path: str = OFFER) -> None:
    edit(
        repo,
        path,
        "status: open\n",
        "status: withdrawn\nwithdrawal:\n  date: 2026-12-01\n"
        "  reason: The course is no longer offered; the next cohort is cancelled.\n",
    )


# --- what passes --------------------------------------------------------------------------


def test_a_proper_withdrawal_passes(repo: GitRepo, cli: Cli) -> None:
    withdraw(repo)
    repo.commit("withdraw an offer")
    run = check(cli, repo)
    assert run.code == 0, run.out
    assert run.out.strip() == "changes: no published offer deleted, moved or reused since main"
    assert cli("validate", repo.top).code == 0
    ownership = cli(
        "check-ownership", "--root", repo.top, "--base", "main", "--author", "tiago-mendes"
    )
    assert ownership.code == 0, ownership.out


def test_new_and_edited_offers_pass(repo: GitRepo, cli: Cli) -> None:
    run = cli("new", "offer", "--provider", "labturis-sul", "--id", "birdwatching-guides",
              "--root", repo.top)  # fmt: skip
    assert run.code == 0, run.out
    edit(repo, OFFER, "last_reviewed: 2026-11-13", "last_reviewed: 2026-12-01")
    repo.commit("a new offer and a review")
    assert check(cli, repo).code == 0


# --- deletions ------------------------------------------------------------------------------


def test_deleting_a_published_offer_fails_although_the_register_stays_valid(
    repo: GitRepo, cli: Cli
) -> None:
    repo.delete(OFFER)
    repo.commit("remove an offer")
    assert cli("validate", repo.top).code == 0  # one state of the register cannot tell
    run = check(cli, repo)
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0] == (
        f"{OFFER}:1:1: error: the file was deleted, but it holds the published offer "
        "`sustainable-small-accommodation`, whose page, feed record and links must keep "
        "working [offer-deleted]"
    )
    hint = f"    hint: restore the file (`git checkout main -- {OFFER}`), then {FIX}"
    assert lines[1] == hint
    assert lines[-1].startswith("changes: 1 problem in 1 file:")


def test_an_uncommitted_deletion_is_not_judged_and_says_so(repo: GitRepo, cli: Cli) -> None:
    (repo.top / OFFER).unlink()
    run = check(cli, repo)
    assert run.code == 0
    assert "1 changed file not committed, so not checked" in run.err
    repo.commit("remove an offer")
    assert codes(check(cli, repo)) == ["offer-deleted"]


def test_github_format_annotates_the_file(repo: GitRepo, cli: Cli) -> None:
    repo.delete(OFFER)
    edit(repo, FOREIGN_OFFER, "provider: jarvimaa-uas", "provider: labturis-sul")
    repo.commit("two problems")
    run = check(cli, repo, "--format", "github")
    assert run.code == 1
    annotations = run.out.splitlines()[:-1]
    assert len(annotations) == 2
    assert all(ANNOTATION.match(line) for line in annotations), annotations
    assert annotations[0].startswith(
        f"::error file={FOREIGN_OFFER},line=3,col=11,title=offer-provider-changed::provider: "
    )
    assert annotations[1].startswith(
        f"::error file={OFFER},line=1,col=1,title=offer-deleted::the file was deleted"
    )
    assert annotations[1].endswith(f"{FIX})")


def test_deleting_a_provider_that_has_offers_fails(repo: GitRepo, cli: Cli) -> None:
    repo.delete("providers/labturis-sul.yaml")
    repo.commit("remove a provider")
    run = check(cli, repo)
    assert run.code == 1
    assert codes(run) == ["provider-deleted"]
    assert (
        "providers/labturis-sul.yaml:1:1: error: the file was deleted, but the provider "
        f"`labturis-sul` has 2 published offers ({OTHER_OFFER}, …) [provider-deleted]"
    ) in run.out


def test_deleting_a_provider_with_all_its_offers_reports_each(repo: GitRepo, cli: Cli) -> None:
    for path in ("providers/labturis-sul.yaml", OFFER, OTHER_OFFER):
        repo.delete(path)
    repo.commit("remove a provider and its offers")
    run = check(cli, repo)
    assert run.code == 1
    assert sorted(codes(run)) == ["offer-deleted", "offer-deleted", "provider-deleted"]


def test_deleting_a_provider_without_offers_passes(repo: GitRepo, cli: Cli) -> None:
    def add_provider() -> None:
        run = cli(
            "new", "provider", "--id", "danube-college", "--name", "Danube College",
            "--type", "vet-provider", "--country", "AT", "--website", "https://danube.at/",
            "--contact", "info@danube.at", "--maintainer", "eva-huber", "--pic", "999888777",
            "--root", repo.top,
        )  # fmt: skip
        assert run.code == 0, run.out

    repo.on_main("a provider that never published an offer", add_provider)
    repo.git("merge", "--quiet", "main")
    repo.delete("providers/danube-college.yaml")
    repo.commit("remove it again")
    run = check(cli, repo)
    assert run.code == 0, run.out


# --- removed whatever git calls it -------------------------------------------------------------
# The check compares what the base publishes with what the head publishes, so it does not
# matter how git names the change: every way of making a published offer disappear fails.


def test_replacing_an_offer_by_a_submodule_entry_fails(repo: GitRepo, cli: Cli) -> None:
    repo.replace_by_gitlink(OFFER)
    repo.commit_index("an offer becomes a submodule")
    # One state of the register cannot tell: the empty folder holds nothing to check.
    assert (repo.top / OFFER).is_dir()
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert codes(run) == ["offer-replaced"]
    assert (
        f"{OFFER}:1:1: error: the file was replaced by a submodule entry (gitlink), which the "
        "register does not read, but it holds the published offer "
        "`sustainable-small-accommodation`, whose page, feed record and links must keep "
        "working [offer-replaced]"
    ) in run.out


def test_replacing_a_providers_folder_by_a_submodule_entry_fails(repo: GitRepo, cli: Cli) -> None:
    repo.replace_by_gitlink("offers/labturis-sul")
    repo.commit_index("the provider's offers become a submodule")
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert codes(run) == ["offer-replaced", "offer-replaced"]
    assert "its folder offers/labturis-sul was replaced by a submodule entry (gitlink)" in run.out


@pytest.mark.parametrize(
    "target", ["ria-formosa-nature-tourism-study-visit.yaml", "/proc/self/mem"]
)
def test_replacing_an_offer_by_a_symbolic_link_fails(repo: GitRepo, cli: Cli, target: str) -> None:
    """A link is read as what git stores (the link's text), never followed."""
    repo.replace_by_symlink(OFFER, target)
    repo.commit("an offer becomes a link")
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert codes(run) == ["offer-replaced"]
    assert "error: the file was replaced by a symbolic link, which the register does not read" in (
        run.out
    )


def test_replacing_an_offer_by_a_folder_fails(repo: GitRepo, cli: Cli) -> None:
    repo.delete(OFFER)
    (repo.top / OFFER).mkdir()
    (repo.top / OFFER / "README.md").write_text("moved\n")
    repo.commit("an offer becomes a folder")
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert codes(run) == ["offer-replaced"]
    assert "error: the file was replaced by a folder" in run.out


def test_replacing_a_provider_file_by_a_symbolic_link_fails(repo: GitRepo, cli: Cli) -> None:
    repo.replace_by_symlink("providers/labturis-sul.yaml", "jarvimaa-uas.yaml")
    repo.commit("a provider becomes a link")
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert codes(run) == ["provider-deleted"]
    assert (
        "providers/labturis-sul.yaml:1:1: error: the file was replaced by a symbolic link, "
        "which the register does not read, but the provider `labturis-sul` has 2 published "
        "offers"
    ) in run.out


def test_changing_the_id_inside_a_published_file_fails(repo: GitRepo, cli: Cli) -> None:
    edit(repo, OFFER, "id: sustainable-small-accommodation", "id: small-stays")
    repo.commit("a new id in the old file")
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert codes(run) == ["offer-id-changed"]
    assert (
        f"{OFFER}:1:1: error: the file now has the id `small-stays`, but it holds the published "
        "offer `sustainable-small-accommodation`"
    ) in run.out
    assert "write `id: sustainable-small-accommodation` again" in run.out


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("status: open\n", "status: [open\n"),  # not YAML any more
        ("provider: labturis-sul\n", ""),  # a required field removed
    ],
)
def test_making_a_published_offer_invalid_fails(
    repo: GitRepo, cli: Cli, old: str, new: str
) -> None:
    edit(repo, OFFER, old, new)
    repo.commit("a broken offer")
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert codes(run) == ["offer-unpublished"]
    assert "error: the file no longer passes validation, so the site would leave it out" in run.out


def test_turning_a_published_offer_into_excluded_staff_development_fails(
    sample_copy: RegisterDir, cli: Cli
) -> None:
    config = sample_copy.root / "register.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(replace(text, "staff_development: refuse", "staff_development: exclude"))
    repo = GitRepo.around(sample_copy.root)
    edit(repo, OFFER, "provision: lifelong-learning", "provision: staff-development")
    repo.commit("our own staff only")
    assert cli("validate", repo.top).code == 0  # the offer is left out, with no problem
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert codes(run) == ["offer-unpublished"]
    assert "error: the file is now staff development, which this register leaves out" in run.out
    assert "an offer that is no longer public is withdrawn" in run.out


def test_copying_to_another_provider_then_deleting_in_a_later_commit_fails(
    repo: GitRepo, cli: Cli
) -> None:
    copy = "offers/jarvimaa-uas/sustainable-small-accommodation.yaml"
    text = (repo.top / OFFER).read_text(encoding="utf-8")
    (repo.top / copy).write_text(replace(text, "provider: labturis-sul", "provider: jarvimaa-uas"))
    repo.commit("a copy for our partner")
    repo.delete(OFFER)
    repo.commit("the original goes")
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert codes(run) == ["offer-moved"]  # git sees one rename across the two commits


def test_deleting_a_withdrawn_offer_fails_too(repo: GitRepo, cli: Cli) -> None:
    """A tombstone is what keeps the old links working: it stays."""
    repo.delete(WITHDRAWN_OFFER)
    repo.commit("clean up")
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert codes(run) == ["offer-deleted"]


def test_replacing_the_offers_folder_by_a_symbolic_link_fails(repo: GitRepo, cli: Cli) -> None:
    repo.git("rm", "-r", "--quiet", "offers")
    os.symlink("/etc", repo.top / "offers")
    repo.commit("offers elsewhere")
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert set(codes(run)) == {"offer-replaced"}
    assert len(codes(run)) == 36
    assert "its folder offers was replaced by a symbolic link" in run.out


def test_renaming_a_provider_file_with_offers_fails(repo: GitRepo, cli: Cli) -> None:
    repo.move("providers/labturis-sul.yaml", "providers/labturis.yaml")
    repo.commit("a shorter name")
    run = check(cli, repo)
    assert run.code == 1, run.out
    assert "provider-deleted" in codes(run)
    assert (
        "providers/labturis.yaml:1:1: error: the file was renamed or moved from "
        "providers/labturis-sul.yaml, but the provider `labturis-sul` has 2 published offers"
    ) in run.out


def test_file_names_cannot_forge_workflow_commands(repo: GitRepo, cli: Cli) -> None:
    forged = "offers/labturis-sul/x\n::error file=README.md::forged\n::stop-commands::t.yaml"
    repo.move(OFFER, forged)
    repo.commit("a name with line breaks")
    run = check(cli, repo, "--format", "github")
    assert run.code == 1
    lines = run.out.splitlines()
    assert len(lines) == 2, lines  # the annotation and the summary
    assert ANNOTATION.match(lines[0]), lines[0]
    assert lines[0].startswith("::error file=offers/labturis-sul/x%0A%3A%3Aerror file=")
    text = check(cli, repo)
    assert "offers/labturis-sul/x\\n::error file=README.md::forged\\n" in text.out
    assert not any(line.startswith("::") for line in text.out.splitlines())


def test_a_mode_change_alone_passes(repo: GitRepo, cli: Cli) -> None:
    (repo.top / OFFER).chmod(0o755)
    repo.commit("executable, by mistake")
    assert check(cli, repo).code == 0


def test_the_head_is_read_from_git_objects_while_the_work_tree_holds_the_base(
    repo: GitRepo, cli: Cli
) -> None:
    """As in the workflow: the base branch checked out, the pull request fetched as objects."""
    repo.delete(OFFER)
    repo.commit("remove an offer")
    head = repo.git("rev-parse", "HEAD").strip()
    repo.git("checkout", "--quiet", "main")
    run = check(cli, repo, "--head", head)
    assert run.code == 1, run.out
    assert codes(run) == ["offer-deleted"]
    assert (repo.top / OFFER).is_file()  # nothing of the pull request was checked out
    assert run.err == ""


def test_an_unknown_head_is_a_usage_error(repo: GitRepo, cli: Cli) -> None:
    run = check(cli, repo, "--head", "0" * 40)
    assert run.code == 2
    assert "is not a commit of this repository; fetch the pull request's commit first" in run.err


# --- moves and reuse ------------------------------------------------------------------------


def test_renaming_a_published_offer_fails(repo: GitRepo, cli: Cli) -> None:
    new = "offers/labturis-sul/small-accommodation.yaml"
    repo.move(OFFER, new)
    edit(repo, new, "id: sustainable-small-accommodation", "id: small-accommodation")
    repo.commit("a shorter id")
    run = check(cli, repo)
    assert run.code == 1
    assert codes(run) == ["offer-moved"]
    assert (
        f"{new}:1:1: error: the file was renamed or moved from {OFFER}, but it holds the "
        "published offer `sustainable-small-accommodation`, whose folder, file name and id "
        "are for good [offer-moved]"
    ) in run.out
    assert f"move it back (`git mv {new} {OFFER}`)" in run.out
    assert "`replaces: sustainable-small-accommodation`" in run.out


def test_moving_a_published_offer_to_another_provider_fails(repo: GitRepo, cli: Cli) -> None:
    new = "offers/jarvimaa-uas/sustainable-small-accommodation.yaml"
    repo.move(OFFER, new)
    edit(repo, new, "provider: labturis-sul", "provider: jarvimaa-uas")
    repo.commit("hand the offer over")
    run = check(cli, repo)
    assert run.code == 1
    assert codes(run) == ["offer-moved"]  # the same offer moved: not reported as reuse too


def test_reusing_a_deleted_offers_id_in_another_folder_fails(repo: GitRepo, cli: Cli) -> None:
    repo.delete(OFFER)
    donor = (repo.top / FOREIGN_OFFER).read_text()
    text = donor.replace("circular-product-design", "sustainable-small-accommodation")
    reused = "offers/jarvimaa-uas/sustainable-small-accommodation.yaml"
    (repo.top / reused).write_text(text)
    repo.commit("a different offer under the old id")
    run = check(cli, repo)
    assert run.code == 1
    assert sorted(codes(run)) == ["offer-deleted", "offer-id-reused"]
    line = line_of(text, "id: sustainable-small-accommodation")
    assert (
        f"{reused}:{line}:5: error: id: `sustainable-small-accommodation` is the id of the offer "
        f"published at {OFFER}; an id, once published, is never given to another offer, even "
        "after that one is deleted [offer-id-reused]"
    ) in run.out


def test_reusing_the_id_of_a_withdrawn_offer_fails(repo: GitRepo, cli: Cli) -> None:
    reused = "offers/technikum-murtal/forklift-safe-operation.yaml"
    run = cli("new", "offer", "--provider", "technikum-murtal", "--id", "forklift-safe-operation",
              "--root", repo.top)  # fmt: skip
    assert run.code == 2 and "already used by" in run.err  # `new` refuses the id
    # Written by hand instead: while the tombstone exists, validation sees the duplicate too.
    text = (repo.top / WITHDRAWN_OFFER).read_text(encoding="utf-8")
    (repo.top / reused).write_text(
        replace(text, "provider: levante-logistica", "provider: technikum-murtal"),
        encoding="utf-8",
    )
    run = cli("validate", repo.top)
    assert run.code == 1 and f"{reused}:2:5: error: id:" in run.out
    assert "[offer-id-duplicate]" in run.out
    repo.commit("a new forklift course")
    run = check(cli, repo)
    assert run.code == 1
    assert codes(run) == ["offer-id-reused"]
    assert f"published at {WITHDRAWN_OFFER}" in run.out
    assert run.out.startswith(f"{reused}:")


def test_a_new_file_whose_id_field_reuses_a_published_id_fails(repo: GitRepo, cli: Cli) -> None:
    run = cli("new", "offer", "--provider", "labturis-sul", "--id", "circular-design-2",
              "--root", repo.top)  # fmt: skip
    assert run.code == 0, run.out
    edit(
        repo,
        "offers/labturis-sul/circular-design-2.yaml",
        "id: circular-design-2",
        "id: circular-product-design",
    )
    repo.commit("copied from another provider")
    run = check(cli, repo)
    assert run.code == 1
    assert codes(run) == ["offer-id-reused"]
    assert f"published at {FOREIGN_OFFER}" in run.out


def test_changing_the_provider_of_a_published_offer_fails(repo: GitRepo, cli: Cli) -> None:
    text = edit(repo, OFFER, "provider: labturis-sul", "provider: jarvimaa-uas")
    repo.commit("another provider")
    run = check(cli, repo)
    assert run.code == 1
    assert codes(run) == ["offer-provider-changed"]
    line = line_of(text, "provider: jarvimaa-uas")
    assert (
        f"{OFFER}:{line}:11: error: provider: changed from `labturis-sul` to `jarvimaa-uas`, "
        "but a published offer stays with its provider [offer-provider-changed]"
    ) in run.out


# --- the command line -----------------------------------------------------------------------


def test_an_unknown_base_is_a_usage_error(repo: GitRepo, cli: Cli) -> None:
    run = cli("check-changes", "--root", repo.top, "--base", "origin/main")
    assert run.code == 2
    assert "`origin/main` is not a branch or commit of this repository" in run.err


def test_a_base_without_common_history_is_a_usage_error(repo: GitRepo, cli: Cli) -> None:
    repo.git("checkout", "--quiet", "--orphan", "unrelated")
    repo.commit("another history")
    repo.git("checkout", "--quiet", "pr")
    run = cli("check-changes", "--root", repo.top, "--base", "unrelated")
    assert run.code == 2
    assert "no commit in common" in run.err
