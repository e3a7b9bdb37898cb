"""Who may change which file (`register check-ownership`) and the generated CODEOWNERS.

Each test makes a git repository of the sample register (branch `main`, the base) and a
pull request branch `pr`, then runs the command line as the workflow does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.gitrepo import GitRepo
from tests.support.registers import REPO, CliRun, RegisterDir, replace

Cli = Callable[..., CliRun]

OWN_OFFER = "offers/labturis-sul/sustainable-small-accommodation.yaml"
OWN_PROVIDER = "providers/labturis-sul.yaml"
FOREIGN_OFFER = "offers/jarvimaa-uas/circular-product-design.yaml"
MAINTAINER = "tiago-mendes"  # maintains labturis-sul, not jarvimaa-uas
EDITOR = "annelies-vermeulen"
ANNOTATION = re.compile(r"^::error file=[^,:]+,line=\d+,col=\d+,title=[^:]+::\S.*$")


@pytest.fixture
def repo(sample_copy: RegisterDir, cli: Cli) -> GitRepo:
    """The sample register with its CODEOWNERS, committed on `main`, on branch `pr`."""
    assert cli("codeowners", "--root", sample_copy.root).code == 0
    return GitRepo.around(sample_copy.root)


def touch(repo: GitRepo, path: str) -> None:
    """Change a file in a way that keeps it valid (a comment at its end)."""
    file = repo.top / path
    file.parent.mkdir(parents=True, exist_ok=True)
    with file.open("a", encoding="utf-8") as out:
        out.write("# reviewed\n")


def check(cli: Cli, repo: GitRepo, author: str | None, *extra: str) -> CliRun:
    """Run `register check-ownership` on the pull request against `main`."""
    args = ["check-ownership", "--root", repo.top, "--base", "main", *extra]
    if author is not None:
        args += ["--author", author]
    return cli(*args)


def verdicts(run: CliRun) -> dict[str, str]:
    """The allowed/refused verdict of each file in the text report."""
    found = {}
    for line in run.out.splitlines():
        match = re.match(r"^(allowed|refused)  (\S+) \(", line)
        if match:
            found[match.group(2)] = match.group(1)
    return found


def add_maintainer(repo: GitRepo, login: str, provider: str = "labturis-sul") -> None:
    path = repo.top / f"providers/{provider}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(replace(text, "maintainers:\n", f"maintainers:\n  - {login}\n"))


# --- maintainers ------------------------------------------------------------------------


@pytest.mark.parametrize("author", [MAINTAINER, "Tiago-Mendes", "@tiago-mendes"])
def test_a_maintainer_may_change_their_providers_files(
    repo: GitRepo, cli: Cli, author: str
) -> None:
    touch(repo, OWN_OFFER)
    touch(repo, OWN_PROVIDER)
    repo.commit("update our offer")
    run = check(cli, repo, author)
    assert run.code == 0, run.out
    assert verdicts(run) == {OWN_OFFER: "allowed", OWN_PROVIDER: "allowed"}
    assert "is a maintainer of `labturis-sul`" in run.out
    assert run.out.splitlines()[-1].startswith("ownership: @")
    assert "may change all 2 changed files" in run.out


def test_a_change_to_another_providers_offer_is_refused(repo: GitRepo, cli: Cli) -> None:
    touch(repo, OWN_OFFER)
    touch(repo, FOREIGN_OFFER)
    repo.commit("update two offers")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 1
    assert verdicts(run) == {OWN_OFFER: "allowed", FOREIGN_OFFER: "refused"}
    assert (
        f"refused  {FOREIGN_OFFER} (modified): only the maintainers of `jarvimaa-uas` "
        "(@aino-virtanen-jarvimaa, @mikko-halonen) or a register editor may change it, "
        "and @tiago-mendes is neither"
    ) in run.out.splitlines()
    assert "    hint: ask one of them to make the change" in run.out
    assert run.out.splitlines()[-1].startswith("ownership: 1 of 2 changed files refused")


def test_github_format_annotates_each_refused_file(repo: GitRepo, cli: Cli) -> None:
    touch(repo, OWN_OFFER)
    touch(repo, FOREIGN_OFFER)
    touch(repo, "register.yml")
    repo.commit("three files")
    run = check(cli, repo, MAINTAINER, "--format", "github")
    assert run.code == 1
    annotations = [line for line in run.out.splitlines() if line.startswith("::")]
    assert len(annotations) == 2
    assert all(ANNOTATION.match(line) for line in annotations), annotations
    assert annotations[0].startswith(
        f"::error file={FOREIGN_OFFER},line=1,col=1,title=ownership%3A modified::"
        "only the maintainers of `jarvimaa-uas`"
    )
    assert annotations[1].startswith("::error file=register.yml,line=1,col=1,")
    # Allowed files stay plain log lines, not annotations.
    assert f"allowed  {OWN_OFFER} (modified)" in run.out


def test_a_move_needs_both_folders(repo: GitRepo, cli: Cli) -> None:
    target = "offers/jarvimaa-uas/sustainable-small-accommodation.yaml"
    repo.move(OWN_OFFER, target)
    repo.commit("move an offer to another provider")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 1
    assert verdicts(run) == {OWN_OFFER: "allowed", target: "refused"}
    assert f"refused  {target} (renamed from {OWN_OFFER})" in run.out


def test_changes_on_the_base_branch_since_are_not_the_pull_requests(
    repo: GitRepo, cli: Cli
) -> None:
    touch(repo, OWN_OFFER)
    repo.commit("our change")
    repo.on_main("an editor's change merged meanwhile", lambda: touch(repo, FOREIGN_OFFER))
    run = check(cli, repo, MAINTAINER)
    assert run.code == 0, run.out
    assert verdicts(run) == {OWN_OFFER: "allowed"}


def test_a_pull_request_without_changes_passes(repo: GitRepo, cli: Cli) -> None:
    run = check(cli, repo, MAINTAINER)
    assert run.code == 0
    assert run.out.strip() == "ownership: no files changed since main"


# --- new providers ------------------------------------------------------------------------


def scaffold_provider(cli: Cli, repo: GitRepo, maintainer: str) -> None:
    """`register new provider` and `register new offer`, as a new partner runs them."""
    root = repo.top
    run = cli(
        "new", "provider", "--id", "danube-college", "--name", "Danube Vocational College",
        "--type", "vet-provider", "--country", "AT", "--website", "https://www.danube.at/",
        "--contact", "info@danube.at", "--maintainer", maintainer, "--pic", "999888777",
        "--root", root,
    )  # fmt: skip
    assert run.code == 0, run.out
    run = cli("new", "offer", "--provider", "danube-college", "--id", "welding-basics",
              "--root", root)  # fmt: skip
    assert run.code == 0, run.out
    repo.commit("a new provider and its first offer")


def test_a_new_provider_listing_its_author_is_allowed(repo: GitRepo, cli: Cli) -> None:
    scaffold_provider(cli, repo, maintainer="eva-huber")
    run = check(cli, repo, "eva-huber")
    assert run.code == 0, run.out
    assert verdicts(run) == {
        "offers/danube-college/welding-basics.yaml": "allowed",
        "providers/danube-college.yaml": "allowed",
    }
    assert "@eva-huber is a maintainer of the new provider `danube-college`" in run.out


def test_a_new_provider_not_listing_its_author_is_refused(repo: GitRepo, cli: Cli) -> None:
    scaffold_provider(cli, repo, maintainer="eva-huber")
    run = check(cli, repo, "someone-else")
    assert run.code == 1
    assert set(verdicts(run).values()) == {"refused"}
    assert (
        "the new provider `danube-college` does not list @someone-else among its "
        "maintainers (@eva-huber)"
    ) in run.out
    assert "hint: add your GitHub user name to `maintainers` in providers/danube-college.yaml" in (
        run.out
    )


def test_offers_of_a_provider_that_does_not_exist_are_refused(repo: GitRepo, cli: Cli) -> None:
    touch(repo, "offers/ghost-academy/some-offer.yaml")
    repo.commit("an offer without a provider")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 1
    assert "in the folder of the provider `ghost-academy`, which does not exist" in run.out


# --- who counts: the base, not the pull request ----------------------------------------------


def test_adding_oneself_to_maintainers_and_editing_in_one_pull_request_is_refused(
    repo: GitRepo, cli: Cli
) -> None:
    add_maintainer(repo, "mallory")
    touch(repo, OWN_OFFER)
    repo.commit("make me a maintainer, and edit")
    run = check(cli, repo, "mallory")
    assert run.code == 1
    assert verdicts(run) == {OWN_OFFER: "refused", OWN_PROVIDER: "refused"}
    assert (
        "@mallory adds themselves to the maintainers of `labturis-sul` in this pull request, "
        "and an addition only counts once it is merged"
    ) in run.out
    assert "split the pull request" in run.out

    # Once a maintainer's pull request adding mallory is merged, mallory's own one passes.
    repo.git("checkout", "--quiet", "main")
    add_maintainer(repo, "mallory")
    repo.commit("tiago adds mallory")
    repo.git("checkout", "--quiet", "-b", "pr-2")
    touch(repo, OWN_OFFER)
    repo.commit("mallory's edit")
    run = check(cli, repo, "mallory")
    assert run.code == 0, run.out


def test_adding_oneself_to_editors_does_not_make_an_editor(repo: GitRepo, cli: Cli) -> None:
    config = repo.top / "register.yml"
    config.write_text(replace(config.read_text(), "editors:\n", "editors:\n  - mallory\n"))
    touch(repo, FOREIGN_OFFER)
    repo.commit("make me an editor")
    run = check(cli, repo, "mallory")
    assert run.code == 1
    assert verdicts(run) == {FOREIGN_OFFER: "refused", "register.yml": "refused"}


# --- editors and everything else ------------------------------------------------------------


def test_an_editor_may_change_any_file(repo: GitRepo, cli: Cli) -> None:
    paths = [FOREIGN_OFFER, OWN_PROVIDER, "register.yml", "docs/about.md", ".github/x.yml"]
    for path in paths:
        touch(repo, path)
    repo.delete("offers/labturis-sul/ria-formosa-nature-tourism-study-visit.yaml")
    repo.commit("editorial changes")
    run = check(cli, repo, EDITOR)
    assert run.code == 0, run.out
    assert set(verdicts(run).values()) == {"allowed"}
    assert len(verdicts(run)) == len(paths) + 1
    assert f"@{EDITOR} is a register editor" in run.out


@pytest.mark.parametrize(
    "path",
    ["register.yml", "docs/about.md", "generator/new_module.py", ".github/workflows/x.yml",
     "offers/stray.yaml", "providers/labturis-sul.yml"],
)  # fmt: skip
def test_other_files_need_a_register_editor(repo: GitRepo, cli: Cli, path: str) -> None:
    touch(repo, path)
    repo.commit("a change outside the provider's records")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 1
    assert verdicts(run) == {path: "refused"}
    assert (
        "only a register editor (@trivium-register-team, @annelies-vermeulen) may change this "
        "file, and @tiago-mendes is not one"
    ) in run.out


def test_a_maintainer_may_commit_the_regenerated_codeowners(repo: GitRepo, cli: Cli) -> None:
    add_maintainer(repo, "new-colleague")
    assert cli("codeowners", "--root", repo.top).code == 0
    repo.commit("add a colleague")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 0, run.out
    assert verdicts(run) == {".github/CODEOWNERS": "allowed", OWN_PROVIDER: "allowed"}


def test_a_hand_edited_codeowners_is_refused(repo: GitRepo, cli: Cli) -> None:
    path = repo.top / ".github/CODEOWNERS"
    text = path.read_text()
    path.write_text(replace(text, "/offers/jarvimaa-uas/ ", "/offers/jarvimaa-uas/ @tiago-mendes "))
    repo.commit("let me edit their offers")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 1
    assert verdicts(run) == {".github/CODEOWNERS": "refused"}
    assert "run `register codeowners` instead of editing it" in run.out


# --- joint awards: the awarding body's consent, in its own file --------------------------------

PARTNER = "providers/technikum-murtal.yaml"


def name_awarding_body(repo: GitRepo, body: str = "technikum-murtal") -> None:
    """Make the maintainer's own offer a joint award with `body`."""
    with (repo.top / OWN_OFFER).open("a", encoding="utf-8") as out:
        out.write(f"awarding_bodies: [labturis-sul, {body}]\n")


def consent(repo: GitRepo, text: str = "  offers: [sustainable-small-accommodation]\n") -> None:
    """technikum-murtal agrees, in its own file."""
    with (repo.top / PARTNER).open("a", encoding="utf-8") as out:
        out.write(f"joint_awards:\n{text}")


def test_naming_another_provider_as_awarding_body_needs_its_consent(
    repo: GitRepo, cli: Cli
) -> None:
    name_awarding_body(repo)
    repo.commit("a joint award")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 1, run.out
    assert verdicts(run) == {OWN_OFFER: "refused"}
    assert (
        f"refused  {OWN_OFFER} (modified): it names `technikum-murtal` as an awarding body, and "
        "`technikum-murtal` has not agreed: the offer would show on its page and in its feed "
        "without its maintainers (@markus-pichler-tm) being asked"
    ) in run.out
    assert (
        "hint: the maintainers of `technikum-murtal` add `joint_awards: {offers: "
        "[sustainable-small-accommodation]}` to providers/technikum-murtal.yaml"
    ) in run.out


def test_an_editor_too_needs_the_awarding_bodys_consent(repo: GitRepo, cli: Cli) -> None:
    name_awarding_body(repo)
    repo.commit("a joint award")
    assert check(cli, repo, EDITOR).code == 1


@pytest.mark.parametrize(
    "agreement",
    ["  offers: [sustainable-small-accommodation]\n", "  partners: [labturis-sul]\n"],
)
def test_consent_merged_on_the_base_lets_the_joint_award_pass(
    repo: GitRepo, cli: Cli, agreement: str
) -> None:
    repo.on_main("technikum-murtal agrees", lambda: consent(repo, agreement))
    repo.git("merge", "--quiet", "main")
    name_awarding_body(repo)
    repo.commit("a joint award")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 0, run.out


def test_consent_written_by_someone_else_than_its_maintainers_is_refused(
    repo: GitRepo, cli: Cli
) -> None:
    name_awarding_body(repo)
    consent(repo)
    repo.commit("a joint award, and their consent written for them")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 1
    assert verdicts(run) == {OWN_OFFER: "allowed", PARTNER: "refused"}


def test_consent_by_a_maintainer_of_both_in_the_same_pull_request_passes(
    repo: GitRepo, cli: Cli
) -> None:
    repo.on_main(
        "tiago maintains both",
        lambda: add_maintainer(repo, MAINTAINER, provider="technikum-murtal"),
    )
    repo.git("merge", "--quiet", "main")
    name_awarding_body(repo)
    consent(repo)
    repo.commit("a joint award agreed by both")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 0, run.out
    assert verdicts(run) == {OWN_OFFER: "allowed", PARTNER: "allowed"}


def test_awarding_bodies_already_named_on_the_base_are_not_asked_again(
    repo: GitRepo, cli: Cli
) -> None:
    summer_school = "offers/mittelrhein-university/trivium-summer-school-ai-ethics.yaml"
    touch(repo, summer_school)
    repo.commit("a review")
    run = check(cli, repo, EDITOR)
    assert run.code == 0, run.out


# --- the pull request is data: read from git objects, never followed or run --------------------


def test_the_pull_request_is_judged_by_the_base_branchs_code(repo: GitRepo, cli: Cli) -> None:
    """As in the workflow: the base checked out and run, the pull request fetched as objects.

    A pull request that rewrites the ownership rules to let everything through is judged
    by the rules of the base, which refuse the rewrite.
    """
    rules = repo.top / "generator/contrib/ownership.py"
    rules.parent.mkdir(parents=True)
    rules.write_text("def check_ownership(pr, author):\n    return []\n", encoding="utf-8")
    touch(repo, FOREIGN_OFFER)
    repo.commit("let me through")
    head = repo.git("rev-parse", "HEAD").strip()
    repo.git("checkout", "--quiet", "main")
    run = check(cli, repo, MAINTAINER, "--head", head)
    assert run.code == 1, run.out
    assert verdicts(run) == {
        FOREIGN_OFFER: "refused",
        "generator/contrib/ownership.py": "refused",
    }
    assert not rules.exists()  # the pull request's files were never written out


def test_a_provider_file_replaced_by_a_link_to_proc_self_mem_is_refused(
    repo: GitRepo, cli: Cli
) -> None:
    (repo.top / OWN_PROVIDER).unlink()
    (repo.top / OWN_PROVIDER).symlink_to("/proc/self/mem")
    touch(repo, OWN_OFFER)
    repo.commit("a link")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 1, run.out
    assert verdicts(run) == {OWN_OFFER: "allowed", OWN_PROVIDER: "refused"}
    assert (
        f"refused  {OWN_PROVIDER} (changed type): it is a symbolic link, and a provider's "
        "records are plain files"
    ) in run.out


def test_a_submodule_entry_among_a_providers_records_is_refused(repo: GitRepo, cli: Cli) -> None:
    repo.replace_by_gitlink(OWN_OFFER)
    repo.commit_index("our offer becomes a submodule")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 1, run.out
    assert (
        f"refused  {OWN_OFFER} (changed type): it is a submodule entry (gitlink), and a "
        "provider's records are plain files"
    ) in run.out


def test_a_codeowners_link_is_not_followed(repo: GitRepo, cli: Cli) -> None:
    (repo.top / ".github/CODEOWNERS").unlink()
    (repo.top / ".github/CODEOWNERS").symlink_to("/proc/self/mem")
    repo.commit("a link")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 1, run.out
    assert verdicts(run) == {".github/CODEOWNERS": "refused"}


NEWLINE_NAME = "offers/labturis-sul/x\n::error file=README.md::forged\n::stop-commands::t.yaml"


def test_file_names_cannot_forge_workflow_commands(repo: GitRepo, cli: Cli) -> None:
    touch(repo, NEWLINE_NAME)
    touch(repo, NEWLINE_NAME.replace("labturis-sul", "jarvimaa-uas"))
    repo.commit("names with line breaks")
    run = check(cli, repo, MAINTAINER, "--format", "github")
    assert run.code == 1
    lines = run.out.splitlines()
    assert len(lines) == 3, lines  # one allowed, one refused, the summary
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 1 and ANNOTATION.match(commands[0]), commands
    (allowed,) = [line for line in lines if line.startswith("allowed")]
    assert allowed.startswith(
        "allowed  offers/labturis-sul/x%0A::error file=README.md::forged%0A::stop-commands::t.yaml"
    )
    assert commands[0].startswith("::error file=offers/jarvimaa-uas/x%0A%3A%3Aerror file=")


def test_file_names_with_control_characters_stay_on_their_line_in_text(
    repo: GitRepo, cli: Cli
) -> None:
    touch(repo, NEWLINE_NAME)
    repo.commit("a name with line breaks")
    run = check(cli, repo, MAINTAINER)
    assert run.code == 0, run.out
    assert run.out.splitlines()[0] == (
        "allowed  offers/labturis-sul/x\\n::error file=README.md::forged\\n"
        "::stop-commands::t.yaml (added): @tiago-mendes is a maintainer of `labturis-sul`"
    )


# --- the command line -----------------------------------------------------------------------


def test_the_author_defaults_to_github_actor(
    repo: GitRepo, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    touch(repo, OWN_OFFER)
    repo.commit("edit")
    monkeypatch.setenv("GITHUB_ACTOR", MAINTAINER)
    run = check(cli, repo, None)
    assert run.code == 0
    assert "@tiago-mendes is a maintainer" in run.out
    monkeypatch.setenv("GITHUB_ACTOR", "")
    run = check(cli, repo, None)
    assert run.code == 2
    assert "Give --author <GitHub user name> (or set GITHUB_ACTOR)" in run.err


@pytest.mark.parametrize("author", ["", " ", "@"])
def test_an_empty_author_is_a_usage_error(
    repo: GitRepo, cli: Cli, monkeypatch: pytest.MonkeyPatch, author: str
) -> None:
    """An empty `--author` never falls back to $GITHUB_ACTOR (who may be someone else)."""
    touch(repo, OWN_OFFER)
    repo.commit("edit")
    monkeypatch.setenv("GITHUB_ACTOR", MAINTAINER)
    run = check(cli, repo, author)
    assert run.code == 2
    assert "--author is empty" in run.err


def test_an_unknown_base_is_a_usage_error(repo: GitRepo, cli: Cli) -> None:
    run = cli("check-ownership", "--root", repo.top, "--base", "origin/main", "--author", "x")
    assert run.code == 2
    assert "`origin/main` is not a branch or commit of this repository" in run.err
    assert "fetch-depth: 0" in run.err


def test_outside_git_is_a_usage_error(sample_copy: RegisterDir, cli: Cli) -> None:
    run = cli("check-ownership", "--root", sample_copy.root, "--base", "main", "--author", "x")
    assert run.code == 2
    assert run.err.startswith(f"register: {sample_copy.root} is not in a git repository (")


def test_paths_are_reported_from_the_repository_top(tmp_path: Path, cli: Cli) -> None:
    """A register in a subfolder: annotations need paths from the repository's top."""
    top = tmp_path / "repo"
    register = RegisterDir(top / "register")
    for path in ("register.yml", OWN_PROVIDER, OWN_OFFER):
        register.write(path, (REPO / path).read_text(encoding="utf-8"))
    (top / "README.md").write_text("outside the register\n")
    repo = GitRepo.around(top)
    touch(repo, f"register/{OWN_OFFER}")
    touch(repo, "README.md")
    repo.commit("edit")
    run = cli(
        "check-ownership", "--root", register.root, "--base", "main", "--author", MAINTAINER,
        "--format", "github",
    )  # fmt: skip
    assert run.code == 1
    assert f"allowed  register/{OWN_OFFER} (modified)" in run.out
    assert run.out.splitlines()[0].startswith("::error file=README.md,line=1,col=1,")


# --- CODEOWNERS ----------------------------------------------------------------------------


def test_the_committed_codeowners_matches_the_provider_records(cli: Cli) -> None:
    run = cli("codeowners", "--check", "--root", REPO)
    assert run.code == 0, f"{run.out}\nrun `register codeowners` and commit .github/CODEOWNERS"
    assert run.out.strip() == ".github/CODEOWNERS is up to date"


def test_codeowners_lists_editors_first_then_each_providers_maintainers(
    sample_copy: RegisterDir, cli: Cli
) -> None:
    run = cli("codeowners", "--root", sample_copy.root)
    assert run.out.strip() == "wrote .github/CODEOWNERS"
    lines = (sample_copy.root / ".github/CODEOWNERS").read_text().splitlines()
    rules = [line for line in lines if not line.startswith("#")]
    assert rules[0] == "* @trivium-register-team @annelies-vermeulen"
    assert "/offers/labturis-sul/ @ines-carvalho-labturis @tiago-mendes" in rules
    assert "/providers/labturis-sul.yaml @ines-carvalho-labturis @tiago-mendes" in rules
    assert len(rules) == 1 + 2 * len(list((sample_copy.root / "providers").glob("*.yaml")))


def test_a_stale_codeowners_fails_the_check(sample_copy: RegisterDir, cli: Cli) -> None:
    assert cli("codeowners", "--check", "--root", sample_copy.root).code == 1  # none yet
    assert cli("codeowners", "--root", sample_copy.root).code == 0
    assert cli("codeowners", "--check", "--root", sample_copy.root).code == 0
    path = sample_copy.root / OWN_PROVIDER
    path.write_text(replace(path.read_text(), "  - tiago-mendes\n", "  - joana-silva\n"))
    run = cli("codeowners", "--check", "--root", sample_copy.root)
    assert run.code == 1
    assert run.out.strip() == (
        ".github/CODEOWNERS is out of date with the provider records; run `register codeowners` "
        "and commit the file"
    )
    assert cli("codeowners", "--root", sample_copy.root).code == 0
    assert "/offers/labturis-sul/ @ines-carvalho-labturis @joana-silva\n" in (
        (sample_copy.root / ".github/CODEOWNERS").read_text()
    )


def test_codeowners_is_not_written_from_a_broken_provider_file(
    sample_copy: RegisterDir, cli: Cli
) -> None:
    path = sample_copy.root / OWN_PROVIDER
    path.write_text(replace(path.read_text(), "  - tiago-mendes\n", "  - not a login!\n"))
    run = cli("codeowners", "--root", sample_copy.root)
    assert run.code == 1
    assert f"{OWN_PROVIDER}:53:5: error: maintainers[1]" in run.out
    assert "codeowners: fix the problems above first" in run.out
    assert not (sample_copy.root / ".github/CODEOWNERS").exists()
