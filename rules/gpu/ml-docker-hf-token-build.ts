import { defineRule } from '../../src/engine/rule.js';
import type { ShellWord } from '../../src/model/shell.js';
import { secretShapeOf } from '../_lib/env.js';
import { baseName, commandsOf } from '../_lib/shell.js';

/** Model-hub CLIs whose `--token` puts a credential on the command line. */
const HUB_CLIS = new Set(['hf', 'huggingface-cli']);
/** Token shapes of the ML services (the generic ones are other rules' business). */
const ML_SHAPES = new Set(['a Hugging Face token', 'an OpenAI API key', 'an Anthropic API key']);
const SIMPLE_VARIABLE = /^\$\{?([A-Za-z_]\w*)\}?$/;

export default defineRule({
  meta: {
    id: 'ml-docker-hf-token-build',
    title: 'Hugging Face / W&B / OpenAI credential passed on a RUN command line',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'Downloading gated weights at build time (`hf download`, `huggingface-cli login --token …`, `wandb login <key>`) needs a credential. Written on the RUN line, or passed from an `ARG`, the token is recorded in the image history (`docker history` shows each RUN with its build arguments) and in the build cache, so anyone who can pull the image can read it. Docker\'s documentation for build secrets says to use secret mounts instead, which expose the value only to the one RUN and never store it. `ARG`/`ENV HF_TOKEN` themselves are reported by secrets-in-arg-or-env; this rule reports the RUN that uses the credential.',
    remediation: 'Pass the token as a build secret: `RUN --mount=type=secret,id=hf_token,env=HF_TOKEN hf download org/model` (or read `/run/secrets/hf_token`), and build with `--secret id=hf_token,env=HF_TOKEN`. Better still, download weights at run time into a mounted cache volume.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM python:3.12-slim\nARG HF_TOKEN\nRUN pip install --no-cache-dir huggingface_hub==0.25.2 && huggingface-cli download meta-llama/Llama-3.1-8B --token $HF_TOKEN\n',
        good: 'FROM python:3.12-slim\nRUN --mount=type=secret,id=hf_token,env=HF_TOKEN pip install --no-cache-dir huggingface_hub==0.25.2 && huggingface-cli download meta-llama/Llama-3.1-8B\n',
      },
    ],
    references: ['https://docs.docker.com/build/building/secrets/', 'https://huggingface.co/docs/huggingface_hub/guides/cli', 'https://docs.wandb.ai/ref/cli/wandb-login/'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      const reported = new Set<ShellWord>();
      const report = (word: ShellWord, message: string): void => {
        if (reported.has(word)) return;
        reported.add(word);
        ctx.report({ at: word, message });
      };
      /** A literal credential, or a variable an ARG/ENV of the build holds (and so the image history). */
      const exposed = (word: ShellWord | undefined, inline?: string): string | undefined => {
        if (!word) return undefined;
        const text = inline ?? word.text;
        const variable = SIMPLE_VARIABLE.exec(text.replace(/^["']|["']$/g, ''))?.[1];
        if (variable) return model.declaredBefore(variable, run) ? `the build argument/ENV $${variable}` : undefined;
        if (inline === undefined && word.value === undefined) return undefined;
        const value = inline ?? word.value ?? '';
        return value.length > 0 && !value.includes('$') ? 'a literal token' : undefined;
      };
      for (const command of commandsOf(model, run)) {
        const name = baseName(command.name) ?? '';
        const words = command.words;
        if (HUB_CLIS.has(name)) {
          words.forEach((word, i) => {
            const v = word.value ?? word.text;
            const inline = v.startsWith('--token=') ? v.slice('--token='.length) : undefined;
            const target = inline !== undefined ? word : v === '--token' ? words[i + 1] : undefined;
            const what = target ? exposed(target, inline) : undefined;
            if (target && what) report(target, `\`${name}\` gets ${what} through --token; it ends up in the image history: use a build secret (RUN --mount=type=secret,id=hf_token,env=HF_TOKEN) instead`);
          });
        }
        if (name === 'wandb' && words[1]?.value === 'login') {
          const key = words.slice(2).find((w) => !(w.value ?? w.text).startsWith('-'));
          const what = exposed(key);
          if (key && what) report(key, `\`wandb login\` gets ${what}; it ends up in the image history: use a build secret (RUN --mount=type=secret,id=wandb,env=WANDB_API_KEY) instead`);
        }
        for (const word of words) {
          const shape = word.value !== undefined ? secretShapeOf(word.value) : undefined;
          if (shape && ML_SHAPES.has(shape)) report(word, `RUN contains ${shape}; it ends up in the image history: revoke it and use a build secret instead`);
        }
        for (const assignment of command.assignments) {
          const shape = assignment.value !== undefined ? secretShapeOf(assignment.value) : undefined;
          if (shape && ML_SHAPES.has(shape)) ctx.report({ at: assignment, message: `RUN sets ${assignment.name} to ${shape}; it ends up in the image history: revoke it and use a build secret instead` });
        }
      }
    },
  },
});
