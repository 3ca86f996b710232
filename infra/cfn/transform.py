#!/usr/bin/env python3
"""template.yaml as CloudFormation deploys it, offline: AWS::LanguageExtensions, then the SAM transform.

CloudFormation runs the transforms in the order the template lists them. Both steps here are the
installed libraries, not our own code:
  1. AWS::LanguageExtensions: cfn-lint's implementation (the one cfn-lint itself applies before the
     SAM transform) expands every Fn::ForEach. Where it stops short of CloudFormation, two small steps
     finish the job: Fn::ToJsonString (left untouched by cfn-lint, loops inside included) has its loops
     expanded by the same walker and is rendered as a JSON string, or an Fn::Join of JSON text and the
     values left to deploy time; intrinsics of literals inside Ref and Fn::GetAtt (which the transform
     allows and resolves) are resolved to the logical id they spell.
  2. AWS::Serverless-2016-10-31: aws-sam-translator, the library behind the SAM transform, with its
     own validation on (cfn-lint turns it off), the parameters' defaults and the region's pseudo
     parameters. Each CodeUri is replaced by an S3 location, as `sam deploy` does after uploading the zip.

Usage: transform.py TEMPLATE OUTPUT [--region R] [--parameter NAME=VALUE ...]
Exit 0 with OUTPUT written; 2 with the problems on stderr when a transform refuses the template.
"""
import argparse
import json
import sys

import boto3
from cfnlint.data import Serverless
from cfnlint.decode import decode
from cfnlint.helpers import load_resource
from cfnlint.template import Template as LintTemplate
from cfnlint.template.transforms._language_extensions import _Transform, language_extension
from samtranslator.parser.parser import Parser
from samtranslator.public.exceptions import InvalidDocumentException
from samtranslator.translator.translator import Translator

LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions"
SAM = "AWS::Serverless-2016-10-31"
# Where `sam deploy` would have uploaded the functions' zips: only the shape matters offline.
ARTIFACT_BUCKET = "sam-deploy-artifacts"


def fail(lines):
    for line in lines:
        print(line, file=sys.stderr)
    sys.exit(2)


def with_parameters(template, overrides):
    """The template with these parameter values as Defaults: what a deploy's --parameter-overrides gives."""
    parameters = template.get("Parameters", {})
    for name, value in overrides.items():
        if name not in parameters:
            fail([f"no parameter {name} in the template (it has {', '.join(parameters)})"])
        parameters[name]["Default"] = value
    return template


def is_intrinsic(value):
    return isinstance(value, dict) and len(value) == 1 and (
        next(iter(value)) == "Ref" or next(iter(value)).startswith("Fn::"))


def json_parts(value):
    """JSON text of a value whose leaves may be intrinsics: literal text and intrinsics, in order."""
    if is_intrinsic(value):
        return ['"', value, '"']
    if isinstance(value, dict):
        parts = ["{"]
        for i, (k, v) in enumerate(value.items()):
            parts += ([","] if i else []) + [json.dumps(k) + ":"] + json_parts(v)
        return parts + ["}"]
    if isinstance(value, list):
        parts = ["["]
        for i, v in enumerate(value):
            parts += ([","] if i else []) + json_parts(v)
        return parts + ["]"]
    return [json.dumps(value, separators=(",", ":"), ensure_ascii=False)]


def to_json_string(value):
    parts = []
    for part in json_parts(value):
        if isinstance(part, str) and parts and isinstance(parts[-1], str):
            parts[-1] += part
        else:
            parts.append(part)
    return parts[0] if len(parts) == 1 and isinstance(parts[0], str) else {"Fn::Join": ["", parts]}


def static(value):
    """The value of an expression of literals (Fn::Join, Fn::Split, Fn::Select, Fn::Sub without references), or None."""
    if isinstance(value, (str, int, float, bool)):
        return str(value) if not isinstance(value, bool) else str(value).lower()
    if isinstance(value, list):
        items = [static(v) for v in value]
        return None if any(i is None for i in items) else items
    if not is_intrinsic(value):
        return None
    name, argument = next(iter(value.items()))
    if name == "Fn::Sub" and isinstance(argument, str) and "${" not in argument:
        return argument
    args = static(argument)
    if not isinstance(args, list) or len(args) != 2:
        return None
    if name == "Fn::Join" and isinstance(args[0], str) and isinstance(args[1], list) and all(isinstance(a, str) for a in args[1]):
        return args[0].join(args[1])
    if name == "Fn::Split" and isinstance(args[0], str) and args[0] and isinstance(args[1], str):
        return args[1].split(args[0])
    if name == "Fn::Select" and isinstance(args[1], list) and str(args[0]).isdigit() and int(args[0]) < len(args[1]):
        return args[1][int(args[0])]
    return None


def resolve_names(value):
    """Intrinsics inside Ref and Fn::GetAtt resolved, as AWS::LanguageExtensions allows them there (cfn-lint's
    walker leaves them): {"Fn::GetAtt": [{"Fn::Join": ["", ["Queue", "a"]]}, "Arn"]} -> {"Fn::GetAtt": ["Queuea", "Arn"]}."""
    if isinstance(value, list):
        return [resolve_names(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1 and "Ref" in value and static(value["Ref"]) is not None:
        return {"Ref": static(value["Ref"])}
    if len(value) == 1 and "Fn::GetAtt" in value and isinstance(value["Fn::GetAtt"], list):
        names = [static(v) for v in value["Fn::GetAtt"]]
        if len(names) == 2 and all(isinstance(n, str) for n in names):
            return {"Fn::GetAtt": names}
    return {k: resolve_names(v) for k, v in value.items()}


def render_to_json_strings(value, cfn):
    """Every Fn::ToJsonString, its own loops expanded first (cfn-lint's walker), rendered."""
    if isinstance(value, dict):
        if len(value) == 1 and "Fn::ToJsonString" in value:
            inner = _Transform()._walk(value["Fn::ToJsonString"], {}, cfn)
            return to_json_string(render_to_json_strings(inner, cfn))
        return {k: render_to_json_strings(v, cfn) for k, v in value.items()}
    if isinstance(value, list):
        return [render_to_json_strings(v, cfn) for v in value]
    return value


def as_plain(value):
    """cfn-lint's node types (str and dict subclasses with line marks) as plain JSON values."""
    if isinstance(value, dict):
        return {str(k): as_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("template")
    args.add_argument("output")
    args.add_argument("--region", default="ap-southeast-1")
    args.add_argument("--parameter", action="append", default=[], metavar="NAME=VALUE")
    options = args.parse_args()
    overrides = {}
    for p in options.parameter:
        name, eq, value = p.partition("=")
        if not eq:
            fail([f"--parameter takes NAME=VALUE, got '{p}'"])
        overrides[name] = value

    template, problems = decode(options.template)
    if problems:
        fail([f"{options.template}:{m.linenumber}: {m.message}" for m in problems])
    template = with_parameters(template, overrides)
    transforms = template.get("Transform", [])
    transforms = transforms if isinstance(transforms, list) else [transforms]
    if transforms != [LANGUAGE_EXTENSIONS, SAM]:
        fail([f"{options.template}: Transform must be [{LANGUAGE_EXTENSIONS}, {SAM}], is {transforms}"])

    cfn = LintTemplate(options.template, template, [options.region])
    problems, expanded = language_extension(cfn)
    if problems:
        fail([f"{options.template}:{m.linenumber}: {LANGUAGE_EXTENSIONS}: {m.message}" for m in problems])
    expanded = resolve_names(render_to_json_strings(as_plain(expanded), cfn))
    expanded["Transform"] = SAM

    for name, resource in expanded.get("Resources", {}).items():
        properties = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties.get("CodeUri"), str):
            properties["CodeUri"] = f"s3://{ARTIFACT_BUCKET}/{properties['CodeUri']}"

    translator = Translator(managed_policy_map=load_resource(Serverless, "ManagedPolicies.json"), sam_parser=Parser(),
                            boto_session=boto3.session.Session(region_name=options.region))
    try:
        transformed = translator.translate(sam_template=expanded, parameter_values=dict(overrides))
    except InvalidDocumentException as e:
        fail([f"{options.template}: {SAM}: {cause.message}" for cause in e.causes])
    with open(options.output, "w", encoding="utf-8") as out:
        json.dump(as_plain(transformed), out, indent=1, ensure_ascii=False)
        out.write("\n")


if __name__ == "__main__":
    main()
