// "respectively" lists, in any order, of any length, with one or two quantities per group.
// Sentences from published abstracts in test/real-world (FEAST NEJM 2011, Trehan NEJM 2013,
// DAPA-HF NEJM 2019, POINT NEJM 2018) and from the examples of docs/linking.md.
import { strict as assert } from 'node:assert';
import { armsOf, read } from './helpers.js';

describe('linking: respectively list', () => {
  it('values first, names after: "10.6% (111 of 1050 children), 10.5% (…), and 7.3% (…) in the albumin-bolus, saline-bolus, and control groups, respectively" (FEAST)', () => {
    const arms = [
      { id: 'albumin', label: 'Albumin bolus', aliases: ['albumin-bolus group'] },
      { id: 'saline', label: 'Saline bolus', aliases: ['saline-bolus group'] },
      { id: 'control', label: 'No bolus (control)', aliases: ['control group'] },
    ];
    const r = read(arms, [{ id: 'death', label: '48-hour mortality', aliases: ['48-hour mortality'] }], 'The 48-hour mortality was 10.6% (111 of 1050 children), 10.5% (110 of 1047 children), and 7.3% (76 of 1044 children) in the albumin-bolus, saline-bolus, and control groups, respectively.');
    assert.deepEqual(armsOf(r), { '10.6% (111 of 1050 children)': 'albumin', '10.5% (110 of 1047 children)': 'saline', '7.3% (76 of 1044 children)': 'control' });
    assert.ok(r.every((x) => x.via === 'respectively list' && x.outcome === 'death'));
  });

  it('two quantities per group: "AEs and SAEs occurred in 58.0% and 6.1% of the placebo group, respectively, and in 66.2% and 9.2% of the 10 mg group"', () => {
    const arms = [
      { id: 'placebo', label: 'Placebo', aliases: ['placebo group'] },
      { id: 'high', label: 'Drug D 10 mg', aliases: ['10 mg group'] },
    ];
    const r = read(arms, [], 'Any adverse event and serious adverse events occurred in 58.0% and 6.1% of the placebo group, respectively, and in 66.2% and 9.2% of the 10 mg group.', ['Any adverse event', 'Serious adverse event']);
    assert.deepEqual(
      r.map((x) => [x.text, x.arm, x.outcome]),
      [
        ['58.0%', 'placebo', 'ae1'],
        ['6.1%', 'placebo', 'ae2'],
        ['66.2%', 'high', 'ae1'],
        ['9.2%', 'high', 'ae2'],
      ],
    );
  });

  it('the arms named earlier in the sentence, in order: "…; 276 patients (11.6%) and 329 patients (13.9%), respectively, died" (DAPA-HF)', () => {
    const arms = [
      { id: 'dapa', label: 'Dapagliflozin', aliases: ['dapagliflozin group'] },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo group'] },
    ];
    const outcomes = [
      { id: 'cvd', label: 'Death from cardiovascular causes' },
      { id: 'death', label: 'Death from any cause', aliases: ['died from any cause'] },
    ];
    const r = read(arms, outcomes, 'Death from cardiovascular causes occurred in 227 patients (9.6%) in the dapagliflozin group and in 273 patients (11.5%) in the placebo group; 276 patients (11.6%) and 329 patients (13.9%), respectively, died from any cause.');
    assert.deepEqual(
      r.map((x) => [x.text, x.arm, x.outcome]),
      [
        ['227 patients (9.6%)', 'dapa', 'cvd'],
        ['273 patients (11.5%)', 'placebo', 'cvd'],
        ['276 patients (11.6%)', 'dapa', 'death'],
        ['329 patients (13.9%)', 'placebo', 'death'],
      ],
    );
  });

  it('never by the order of arms named after the values: "were 4.8%, 4.1%, and 7.4%, respectively (relative risk with placebo vs. amoxicillin …)" (Trehan)', () => {
    const arms = [
      { id: 'amox', label: 'Amoxicillin', aliases: ['amoxicillin'] },
      { id: 'cef', label: 'Cefdinir', aliases: ['cefdinir'] },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
    ];
    const r = read(arms, [], 'The mortality rates for the three groups were 4.8%, 4.1%, and 7.4%, respectively (relative risk of death with placebo vs. amoxicillin, 1.55; 95% CI, 1.07 to 2.24; relative risk with placebo vs. cefdinir, 1.80; 95% CI, 1.22 to 2.64).');
    assert.deepEqual(armsOf(r.filter((x) => x.kind === 'share')), { '4.8%': '-', '4.1%': '-', '7.4%': '-' });
  });

  it('the previous sentence\'s list: "In the X, Y and Z groups, … . The rates in the three groups were a, b and c, respectively."', () => {
    const arms = [
      { id: 'amox', label: 'Amoxicillin', aliases: ['amoxicillin'] },
      { id: 'cef', label: 'Cefdinir', aliases: ['cefdinir'] },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
    ];
    const r = read(arms, [], 'Children were followed in the amoxicillin, cefdinir, and placebo groups. The mortality rates in the three groups were 4.8%, 4.1%, and 7.4%, respectively.');
    assert.deepEqual(armsOf(r), { '4.8%': 'amox', '4.1%': 'cef', '7.4%': 'placebo' });
  });
});
