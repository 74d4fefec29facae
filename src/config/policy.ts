import path from 'node:path';
import picomatch from 'picomatch';
import type { Rule } from '../check/rule.js';
import type { Severity } from '../core/diagnostic.js';
import type { ConfigSeverity, SkillhubConfig } from './config-file.js';
import { SAFETY_RULES } from './safety-rules.js';

export type EffectiveSeverity = Severity | 'off';

/** What the configuration decides for each file: which rules run at which severity, which files count. */
export interface RulePolicy {
  severityFor(filePath: string, ruleId: string, ruleDefault: Severity): EffectiveSeverity;
  isIgnored(filePath: string): boolean;
  /** How `skillhub-disable` comments that silence nothing are reported. */
  reportUnused: EffectiveSeverity;
}

export function toSeverity(value: ConfigSeverity): EffectiveSeverity {
  return value === 'warn' ? 'warning' : value;
}

/** A matcher for globs relative to `baseDir`; a path matches when it or a folder above it does. */
function globMatcher(patterns: readonly string[], baseDir: string): (filePath: string) => boolean {
  if (patterns.length === 0) return () => false;
  const match = picomatch(patterns as string[], { dot: true });
  return (filePath) => {
    const relative = path.relative(baseDir, filePath).split(path.sep).join('/');
    if (relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) return false;
    const parts = relative.split('/');
    for (let end = parts.length; end > 0; end--) if (match(parts.slice(0, end).join('/'))) return true;
    return false;
  };
}

export function createRulePolicy(config: SkillhubConfig, reportUnusedFlag?: EffectiveSeverity): RulePolicy {
  const ignored = globMatcher(config.ignores, config.baseDir);
  const overrides = config.overrides.map((override) => ({ matches: globMatcher(override.files, config.baseDir), rules: override.rules }));
  const configured = config.reportUnusedDisableDirectives;
  const fromConfig: EffectiveSeverity =
    configured === undefined || configured === false ? 'off' : configured === true ? 'warning' : toSeverity(configured);
  return {
    isIgnored: ignored,
    reportUnused: reportUnusedFlag ?? fromConfig,
    severityFor(filePath, ruleId, ruleDefault) {
      if (SAFETY_RULES.has(ruleId)) return ruleDefault;
      let severity: EffectiveSeverity = ruleDefault;
      const top = config.rules[ruleId];
      if (top !== undefined) severity = toSeverity(top);
      for (const override of overrides) {
        const value = override.rules[ruleId];
        if (value !== undefined && override.matches(filePath)) severity = toSeverity(value);
      }
      return severity;
    },
  };
}

/** The effective configuration for one file, as `validate --print-config` prints it. */
export function effectiveConfigFor(filePath: string, config: SkillhubConfig, policy: RulePolicy, rules: readonly Rule[]): object {
  const severities: Record<string, ConfigSeverity> = {};
  for (const rule of rules) {
    const severity = policy.severityFor(filePath, rule.id, rule.severity);
    severities[rule.id] = severity === 'warning' ? 'warn' : severity;
  }
  return {
    configFile: config.filePath ?? null,
    file: filePath,
    ignored: policy.isIgnored(filePath),
    vocabulary: config.vocabulary === undefined ? null : path.resolve(config.baseDir, config.vocabulary),
    cliSurface: config.cliSurface === undefined ? null : path.resolve(config.baseDir, config.cliSurface),
    reportUnusedDisableDirectives: policy.reportUnused === 'warning' ? 'warn' : policy.reportUnused,
    rules: severities,
  };
}
