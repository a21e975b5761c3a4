"""Every shipped tree is valid, every path walks to its outcome, every scenario reaches its expect."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import engine
from advisor.loader import load_trees, tree_files
from advisor.model import Tree

TREES = load_trees()
IDS = sorted(TREES)


def test_every_tree_file_is_loaded() -> None:
    assert len(TREES) == len(tree_files()) >= 1


@pytest.mark.parametrize("tree_id", IDS)
def test_every_outcome_is_reached_by_some_path(tree_id: str) -> None:
    tree = TREES[tree_id]
    reached = {p.outcome for p in engine.all_paths(tree)}
    assert reached == set(tree.outcomes)


@pytest.mark.parametrize("tree_id", IDS)
def test_every_path_walks_to_its_outcome_using_all_its_answers(tree_id: str) -> None:
    tree = TREES[tree_id]
    for path in engine.all_paths(tree):
        walk = engine.walk(tree, path.answers)
        assert walk.outcome == path.outcome
        assert walk.ignored == ()
        assert walk.answers == path.answers


@pytest.mark.parametrize("tree_id", IDS)
def test_every_scenario_reaches_its_expected_outcome(tree_id: str) -> None:
    tree = TREES[tree_id]
    for scenario in tree.scenarios:
        walk = engine.walk(tree, scenario.answers)
        assert walk.outcome == scenario.expect, scenario.text
        assert walk.ignored == (), scenario.text


def _complete(tree: Tree) -> list[str]:
    """What the content bar asks of every outcome and tree; returns the gaps."""
    gaps = []
    for oid, o in tree.outcomes.items():
        if len(o.why) < 2:
            gaps.append(f"{oid}: fewer than two reasons in 'why'")
        if not o.caveats:
            gaps.append(f"{oid}: no caveat")
        if not o.alternatives:
            gaps.append(f"{oid}: no alternative")
        if not any(r.url.startswith(("https://docs.aws.amazon.com/", "https://aws.amazon.com/")) for r in o.references):
            gaps.append(f"{oid}: no reference to AWS documentation")
    covered = {s.expect for s in tree.scenarios}
    gaps += [f"outcome {oid} has no scenario" for oid in tree.outcomes if oid not in covered]
    if len(tree.scenarios) < 6:
        gaps.append("fewer than 6 scenarios")
    return gaps


@pytest.mark.parametrize("tree_id", IDS)
def test_content_bar(tree_id: str) -> None:
    assert _complete(TREES[tree_id]) == []


FIXED_OUTCOMES = {
    "load-balancer": {"alb", "nlb", "clb", "gwlb"},
    "database": {
        "rds",
        "aurora",
        "aurora-serverless",
        "aurora-global",
        "dynamodb",
        "dynamodb-dax",
        "elasticache-redis",
        "elasticache-memcached",
        "redshift",
        "athena",
        "neptune",
        "opensearch",
        "s3",
        "glacier",
        "documentdb",
        "keyspaces",
        "timestream",
    },
    "storage-gateway": {
        "file-gateway",
        "volume-gateway-cached",
        "volume-gateway-stored",
        "tape-gateway",
        "datasync",
        "snowball",
    },
    "ec2-purchasing": {
        "on-demand",
        "reserved",
        "convertible-reserved",
        "scheduled-reserved",
        "spot",
        "dedicated-instance",
        "dedicated-host",
        "savings-plans",
    },
    "disaster-recovery": {"backup-restore", "pilot-light", "warm-standby", "multi-site"},
    "federation": {
        "saml-federation",
        "custom-identity-broker",
        "identity-center",
        "cognito-user-pools",
        "cognito-identity-pools",
        "web-identity-federation",
        "cross-account-role",
    },
    "compute": {"ec2", "lambda", "ecs-ec2", "fargate", "eks", "elastic-beanstalk"},
    "messaging": {
        "sqs-standard",
        "sqs-fifo",
        "sns",
        "sns-sqs-fanout",
        "kinesis-data-streams",
        "kinesis-firehose",
        "amazon-mq",
    },
    "s3-storage-class": {
        "s3-standard",
        "s3-standard-ia",
        "s3-one-zone-ia",
        "s3-intelligent-tiering",
        "glacier-instant-retrieval",
        "glacier-flexible-retrieval",
        "glacier-deep-archive",
    },
    "ec2-storage": {"ebs-gp", "ebs-io", "ebs-st1", "ebs-sc1", "instance-store", "efs", "s3"},
    "route53-routing": {"simple", "weighted", "latency", "failover", "geolocation", "multivalue"},
    "network-connectivity": {
        "site-to-site-vpn",
        "direct-connect",
        "direct-connect-gateway",
        "vpc-peering",
        "transit-gateway",
        "vpc-gateway-endpoint",
        "vpc-interface-endpoint",
        "nat-gateway",
        "egress-only-internet-gateway",
        "bastion-host",
    },
    "data-transfer": {"datasync", "snowball", "snowball-edge", "snowmobile"},
    "caching": {
        "cloudfront",
        "elasticache-redis",
        "elasticache-memcached",
        "dax",
        "api-gateway-cache",
        "s3-cross-region-replication",
    },
    # the decisions one level below "which service": ids fixed when the trees were added
    "database-scaling": {
        *("read-replica", "multi-az", "multi-az-cluster", "aurora-replicas", "cross-region-read-replica"),
        *("rds-proxy", "cache-in-front", "provisioned-iops", "rds-custom", "scale-up"),
    },
    "session-state": {"sticky-sessions", "elasticache", "dynamodb", "signed-token"},
    "directory-service": {"ad-connector", "managed-microsoft-ad", "simple-ad", "identity-center-directory"},
    "edge-and-global": {"cloudfront", "global-accelerator", "s3-transfer-acceleration", "route53-routing"},
    "file-systems": {"efs", "fsx-windows", "fsx-lustre", "fsx-ontap", "fsx-openzfs"},
    "workflow": {"step-functions", "swf", "aws-batch", "mwaa", "eventbridge-scheduler"},
    "data-processing": {"glue", "emr", "managed-flink", "athena", "redshift", "quicksight"},
    "secrets-and-keys": {"secrets-manager", "parameter-store", "kms", "cloudhsm", "acm"},
    "s3-encryption": {"sse-s3", "sse-kms", "dsse-kms", "sse-c", "client-side"},
    "s3-access": {"bucket-policy", "iam-policy", "presigned-url", "access-points", "cloudfront-oac"},
    "audit-and-monitoring": {"cloudwatch", "cloudwatch-logs", "cloudtrail", "aws-config", "vpc-flow-logs", "x-ray"},
    "api-front-door": {
        *("api-gateway-rest", "api-gateway-http", "api-gateway-websocket", "alb", "appsync"),
        "lambda-function-url",
    },
    "placement-group": {"cluster", "spread", "partition", "none"},
}


def test_every_fixed_tree_is_shipped() -> None:
    assert set(FIXED_OUTCOMES) <= set(TREES)


@pytest.mark.parametrize("tree_id", IDS)
def test_outcome_ids_are_kept(tree_id: str) -> None:
    """Share links and other programs rely on these ids: outcomes may be added, never renamed."""
    if tree_id in FIXED_OUTCOMES:
        assert FIXED_OUTCOMES[tree_id] <= set(TREES[tree_id].outcomes)


def test_load_balancer_tree_is_shipped() -> None:
    assert "load-balancer" in TREES
    assert len(TREES["load-balancer"].scenarios) >= 8


@pytest.mark.parametrize("tree_id", ["disaster-recovery", "ec2-purchasing"])
def test_rebuilt_trees_cover_their_cases_with_scenarios(tree_id: str) -> None:
    assert len(TREES[tree_id].scenarios) >= 14


def test_a_tight_rpo_with_a_loose_rto_never_leads_to_multi_site() -> None:
    tree = TREES["disaster-recovery"]
    for rpo in (0, 0.5, 5, 30):
        for rto in (60, 240, 480, 1440):
            walk = engine.walk(tree, {"rpo": rpo, "rto": rto, "threat": "not-sure", "source": "not-sure"})
            possible = {c.outcome for c in walk.candidates} | {walk.outcome}
            assert "multi-site" not in possible and "warm-standby" not in possible, (rpo, rto)


def test_what_cannot_be_bought_is_marked_with_what_to_use_instead() -> None:
    retired = {(t.id, oid) for t in TREES.values() for oid, o in t.outcomes.items() if o.status == "retired"}
    assert {("ec2-purchasing", "scheduled-reserved"), ("data-transfer", "snowmobile")} <= retired
    assert TREES["load-balancer"].outcomes["clb"].status == "previous-generation"


@pytest.mark.parametrize("path", tree_files(), ids=lambda p: p.name)
def test_every_tree_file_parses_without_libyaml(path: Path) -> None:
    """Where PyYAML lacks libyaml, the loader falls back to the pure-Python parser."""
    import yaml

    assert isinstance(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader), dict)
