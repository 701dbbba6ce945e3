import { describe, expect, it } from 'vitest';
import { forwardRowButtons, forwardRowName } from './forward-row-names.js';

describe('forward row buttons', () => {
  it('name the forward each acts on, after the word the button shows', () => {
    const b = forwardRowButtons(forwardRowName(undefined, 'localhost:8080', 'app:80'));
    expect(b.stop.label).toBe('Stop forward localhost:8080 → app:80');
    expect(b.start.label).toBe('Start forward localhost:8080 → app:80');
    expect(b.save.label).toBe('Save forward localhost:8080 → app:80');
    expect(b.saved.label).toBe('Saved forward localhost:8080 → app:80');
    expect(b.edit.label).toBe('Edit forward localhost:8080 → app:80');
    expect(b.remove.label).toBe('Remove forward localhost:8080 → app:80');
  });

  it('tell two rows apart, whether they differ in local port, destination or name', () => {
    const names = [
      forwardRowName(undefined, 'localhost:8080', 'app:80'),
      forwardRowName(undefined, 'localhost:8081', 'app:80'),
      forwardRowName(undefined, 'localhost:8080', 'db.internal:5432 via app'),
      forwardRowName('admin', 'localhost:8080', 'app:80'),
    ];
    for (const button of ['stop', 'start', 'save', 'saved', 'edit', 'remove'] as const) {
      const labels = names.map((n) => forwardRowButtons(n)[button].label);
      expect(new Set(labels).size, button).toBe(names.length);
    }
    expect(names[3]).toBe('“admin” localhost:8080 → app:80');
  });

  it('name a forward with no local port yet by where it goes', () => {
    expect(forwardRowName(undefined, null, 'app:80')).toBe('to app:80');
  });

  it('give Stop a tooltip, as the other actions have', () => {
    const b = forwardRowButtons('x');
    expect(b.stop.title.length).toBeGreaterThan(0);
    expect(b.start.title.length).toBeGreaterThan(0);
    expect(b.save.title).toBe('Keep this forward to start it again later');
  });
});
